package comment

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// GitLab posts notes on a merge request (REST v4). GitLab cannot hide notes.
type GitLab struct {
	c       *client
	api     string // e.g. https://gitlab.com/api/v4
	project string // numeric id or "group/project"
	iid     int
}

// NewGitLab returns the GitLab platform for a project (id or path) and merge
// request IID. apiURL "" means https://gitlab.com/api/v4 (CI sets CI_API_V4_URL).
func NewGitLab(hc *http.Client, apiURL, project string, iid int, token string) *GitLab {
	if apiURL == "" {
		apiURL = "https://gitlab.com/api/v4"
	}
	g := &GitLab{api: strings.TrimSuffix(apiURL, "/"), project: project, iid: iid}
	g.c = newClient("gitlab", hc, token, func(r *http.Request) { r.Header.Set("PRIVATE-TOKEN", token) })
	return g
}

// Name implements Platform.
func (g *GitLab) Name() string { return "gitlab" }

type gitlabNote struct {
	ID     int64  `json:"id"`
	Body   string `json:"body"`
	System bool   `json:"system"`
}

func (g *GitLab) notesURL() string {
	return fmt.Sprintf("%s/projects/%s/merge_requests/%d/notes", g.api, url.PathEscape(g.project), g.iid)
}

// List implements Platform.
func (g *GitLab) List(ctx context.Context) ([]Comment, error) {
	var out []Comment
	for page := 1; ; page++ {
		var batch []gitlabNote
		u := fmt.Sprintf("%s?sort=asc&order_by=created_at&per_page=100&page=%d", g.notesURL(), page)
		if err := g.c.do(ctx, http.MethodGet, u, nil, &batch); err != nil {
			return nil, err
		}
		for _, n := range batch {
			if !n.System {
				out = append(out, Comment{ID: idString(n.ID), Body: n.Body})
			}
		}
		if len(batch) < 100 {
			return out, nil
		}
	}
}

// Create implements Platform.
func (g *GitLab) Create(ctx context.Context, body string) (Comment, error) {
	var n gitlabNote
	err := g.c.do(ctx, http.MethodPost, g.notesURL(), map[string]string{"body": body}, &n)
	return Comment{ID: idString(n.ID), Body: n.Body}, err
}

// Update implements Platform.
func (g *GitLab) Update(ctx context.Context, c Comment, body string) error {
	return g.c.do(ctx, http.MethodPut, g.notesURL()+"/"+c.ID, map[string]string{"body": body}, nil)
}

// Delete implements Platform.
func (g *GitLab) Delete(ctx context.Context, c Comment) error {
	return g.c.do(ctx, http.MethodDelete, g.notesURL()+"/"+c.ID, nil, nil)
}

// Hide implements Platform: GitLab has no way to collapse a note.
func (g *GitLab) Hide(context.Context, Comment) error { return ErrHideUnsupported }
