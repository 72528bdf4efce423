package comment

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/tfcost/tfcost/internal/failure"
)

// Bitbucket posts pull-request comments on Bitbucket Cloud (REST 2.0).
// Bitbucket cannot hide comments.
type Bitbucket struct {
	c    *client
	base string // {api}/repositories/{workspace}/{repo}/pullrequests/{id}/comments
}

// NewBitbucket returns the Bitbucket Cloud platform for "workspace/repo" and
// a pull request id. A token of the form "user:app-password" is sent with
// Basic auth, anything else as a Bearer (repository/workspace access token).
func NewBitbucket(hc *http.Client, apiURL, repo string, pr int, token string) (*Bitbucket, error) {
	ws, name, ok := strings.Cut(repo, "/")
	if !ok || ws == "" || name == "" || strings.Contains(name, "/") {
		return nil, failure.Usagef("--repo %q: expected workspace/repository", repo)
	}
	if apiURL == "" {
		apiURL = "https://api.bitbucket.org/2.0"
	}
	b := &Bitbucket{base: fmt.Sprintf("%s/repositories/%s/%s/pullrequests/%d/comments", strings.TrimSuffix(apiURL, "/"), ws, name, pr)}
	auth := "Bearer " + token
	if strings.Contains(token, ":") {
		auth = "Basic " + base64.StdEncoding.EncodeToString([]byte(token))
	}
	b.c = newClient("bitbucket", hc, token, func(r *http.Request) { r.Header.Set("Authorization", auth) })
	return b, nil
}

// Name implements Platform.
func (b *Bitbucket) Name() string { return "bitbucket" }

type bitbucketComment struct {
	ID      int64 `json:"id"`
	Deleted bool  `json:"deleted"`
	Content struct {
		Raw string `json:"raw"`
	} `json:"content"`
}

// List implements Platform, following the "next" links.
func (b *Bitbucket) List(ctx context.Context) ([]Comment, error) {
	var out []Comment
	next := b.base + "?pagelen=100"
	for next != "" {
		var page struct {
			Values []bitbucketComment `json:"values"`
			Next   string             `json:"next"`
		}
		if err := b.c.do(ctx, http.MethodGet, next, nil, &page); err != nil {
			return nil, err
		}
		for _, c := range page.Values {
			if !c.Deleted {
				out = append(out, Comment{ID: idString(c.ID), Body: c.Content.Raw})
			}
		}
		next = page.Next
		if next != "" && !sameOrigin(next, b.base) {
			// Never send the token to a host the API did not start on.
			return nil, failure.Internalf("bitbucket: pagination link points to another host; stopping")
		}
	}
	return out, nil
}

func sameOrigin(a, b string) bool {
	ua, err1 := url.Parse(a)
	ub, err2 := url.Parse(b)
	return err1 == nil && err2 == nil && ua.Scheme == ub.Scheme && ua.Host == ub.Host
}

func content(body string) map[string]any {
	return map[string]any{"content": map[string]string{"raw": body}}
}

// Create implements Platform.
func (b *Bitbucket) Create(ctx context.Context, body string) (Comment, error) {
	var c bitbucketComment
	err := b.c.do(ctx, http.MethodPost, b.base, content(body), &c)
	return Comment{ID: idString(c.ID), Body: c.Content.Raw}, err
}

// Update implements Platform.
func (b *Bitbucket) Update(ctx context.Context, c Comment, body string) error {
	return b.c.do(ctx, http.MethodPut, b.base+"/"+c.ID, content(body), nil)
}

// Delete implements Platform.
func (b *Bitbucket) Delete(ctx context.Context, c Comment) error {
	return b.c.do(ctx, http.MethodDelete, b.base+"/"+c.ID, nil, nil)
}

// Hide implements Platform.
func (b *Bitbucket) Hide(context.Context, Comment) error { return ErrHideUnsupported }
