// Package comment posts tfcost's Markdown to pull/merge requests on GitHub,
// GitLab, Azure Repos and Bitbucket Cloud through their REST APIs, and finds
// its previous comment by a hidden marker so that a second run updates the
// same comment instead of adding another. Tokens are sent only in request
// headers and never appear in errors or output.
package comment

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/tfcost/tfcost/internal/failure"
)

// Behavior is what to do with a previous tfcost comment.
type Behavior string

// Behaviors, as in Infracost's `comment` command.
const (
	// Update edits the latest marked comment in place (creating one when
	// none exists): one comment per pull request, always current.
	Update Behavior = "update"
	// New always adds a comment, leaving earlier ones.
	New Behavior = "new"
	// HideAndNew hides (minimizes) earlier marked comments, then adds one.
	HideAndNew Behavior = "hide-and-new"
	// DeleteAndNew deletes earlier marked comments, then adds one.
	DeleteAndNew Behavior = "delete-and-new"
)

// Behaviors lists the valid behaviors for help text.
var Behaviors = []Behavior{Update, New, HideAndNew, DeleteAndNew}

// ParseBehavior validates a --behavior value.
func ParseBehavior(s string) (Behavior, error) {
	for _, b := range Behaviors {
		if string(b) == s {
			return b, nil
		}
	}
	return "", failure.Usagef("unknown --behavior %q; expected one of update, new, hide-and-new, delete-and-new", s)
}

// Comment is an existing comment on a pull request.
type Comment struct {
	// ID identifies the comment for update/delete (for Azure Repos
	// "thread/comment").
	ID string
	// NodeID is GitHub's GraphQL id, needed to hide a comment.
	NodeID string
	Body   string
}

// Platform is one code host's comment API for one pull request.
type Platform interface {
	// Name is the platform's CLI name ("github", …).
	Name() string
	// List returns the pull request's comments, oldest first.
	List(ctx context.Context) ([]Comment, error)
	Create(ctx context.Context, body string) (Comment, error)
	Update(ctx context.Context, c Comment, body string) error
	Delete(ctx context.Context, c Comment) error
	// Hide collapses a comment; ErrHideUnsupported where the platform cannot.
	Hide(ctx context.Context, c Comment) error
}

// Result says what Post did.
type Result struct {
	Action  string // "created", "updated", "unchanged"
	Comment Comment
	Hidden  int
	Deleted int
}

// Post publishes body according to behavior. marker is the hidden string
// that identifies tfcost's comments; body must contain it.
func Post(ctx context.Context, p Platform, body, marker string, behavior Behavior) (Result, error) {
	var res Result
	if behavior == New {
		c, err := p.Create(ctx, body)
		return Result{Action: "created", Comment: c}, err
	}
	all, err := p.List(ctx)
	if err != nil {
		return res, err
	}
	var mine []Comment
	for _, c := range all {
		if strings.Contains(c.Body, marker) {
			mine = append(mine, c)
		}
	}
	switch behavior {
	case Update:
		if len(mine) == 0 {
			break
		}
		latest := mine[len(mine)-1]
		if latest.Body == body {
			return Result{Action: "unchanged", Comment: latest}, nil
		}
		if err := p.Update(ctx, latest, body); err != nil {
			return res, err
		}
		latest.Body = body
		return Result{Action: "updated", Comment: latest}, nil
	case HideAndNew:
		for _, c := range mine {
			if err := p.Hide(ctx, c); err != nil {
				return res, err
			}
			res.Hidden++
		}
	case DeleteAndNew:
		for _, c := range mine {
			if err := p.Delete(ctx, c); err != nil {
				return res, err
			}
			res.Deleted++
		}
	default:
		return res, failure.Usagef("unknown --behavior %q", behavior)
	}
	c, err := p.Create(ctx, body)
	if err != nil {
		return res, err
	}
	res.Action, res.Comment = "created", c
	return res, nil
}

// ErrHideUnsupported is returned by platforms that cannot hide comments.
var ErrHideUnsupported = failure.Usagef("this platform cannot hide comments: use --behavior delete-and-new or update")

// client is the small HTTP layer shared by the platforms: JSON in and out,
// an auth header set per request, and errors that never include the token.
type client struct {
	http *http.Client
	auth func(*http.Request)
	// secrets are scrubbed from anything echoed into errors: the token, the
	// password of a "user:password" token, and the credential as the
	// Authorization header carries it (base64 for Basic auth decodes back
	// to the token, so a server echoing the header must not leak it either).
	secrets []string
	name    string
}

func newClient(name string, hc *http.Client, token string, auth func(*http.Request)) *client {
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	c := &client{http: hc, auth: auth, name: name}
	probe := &http.Request{Header: http.Header{}}
	auth(probe)
	_, password, _ := strings.Cut(token, ":")
	_, credential, _ := strings.Cut(probe.Header.Get("Authorization"), " ")
	for _, s := range []string{token, password, credential} {
		if s != "" {
			c.secrets = append(c.secrets, s)
		}
	}
	return c
}

// do sends a JSON request and decodes a JSON response into out (if non-nil).
func (c *client) do(ctx context.Context, method, url string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return failure.Internalf("%s: encoding request: %v", c.name, err)
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, body)
	if err != nil {
		return failure.Internalf("%s: bad API URL %s", c.name, c.scrub(url))
	}
	req.Header.Set("Accept", "application/json")
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("User-Agent", "tfcost")
	c.auth(req)
	resp, err := c.http.Do(req)
	if err != nil {
		return failure.Internalf("%s: %s %s failed: %s", c.name, method, c.scrub(url), c.scrub(err.Error()))
	}
	defer resp.Body.Close() //nolint:errcheck // the body is read below; a Close error cannot change the response
	data, _ := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	if resp.StatusCode >= 300 {
		msg := strings.TrimSpace(string(data))
		if len(msg) > 300 {
			msg = msg[:300] + "…"
		}
		hint := ""
		switch resp.StatusCode {
		case http.StatusUnauthorized, http.StatusForbidden:
			hint = " (check the token and its permissions)"
		case http.StatusNotFound:
			hint = " (check the repository and pull request number)"
		}
		return failure.Internalf("%s: %s %s returned %s%s: %s", c.name, method, c.scrub(url), resp.Status, hint, c.scrub(msg))
	}
	if out != nil && len(bytes.TrimSpace(data)) > 0 {
		if err := json.Unmarshal(data, out); err != nil {
			return failure.Internalf("%s: unexpected response from %s: %v", c.name, c.scrub(url), err)
		}
	}
	return nil
}

// scrub removes the secrets from text that may echo them (URLs, server errors).
func (c *client) scrub(s string) string {
	for _, secret := range c.secrets {
		s = strings.ReplaceAll(s, secret, "***")
	}
	return s
}

func idString(v any) string { return fmt.Sprint(v) }
