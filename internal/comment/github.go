package comment

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/tfcost/tfcost/internal/failure"
)

// GitHub posts issue comments on a pull request (REST v3) and hides them
// with the GraphQL minimizeComment mutation.
type GitHub struct {
	c          *client
	api        string // e.g. https://api.github.com or https://ghe.example.com/api/v3
	graphql    string
	owner, rep string
	number     int
}

// NewGitHub returns the GitHub platform for repo "owner/name" and pull
// request number. apiURL "" means https://api.github.com.
func NewGitHub(hc *http.Client, apiURL, repo string, number int, token string) (*GitHub, error) {
	owner, name, ok := strings.Cut(repo, "/")
	if !ok || owner == "" || name == "" || strings.Contains(name, "/") {
		return nil, failure.Usagef("--repo %q: expected owner/name", repo)
	}
	if apiURL == "" {
		apiURL = "https://api.github.com"
	}
	apiURL = strings.TrimSuffix(apiURL, "/")
	gql := apiURL + "/graphql"
	if strings.HasSuffix(apiURL, "/api/v3") { // GitHub Enterprise Server
		gql = strings.TrimSuffix(apiURL, "/v3") + "/graphql"
	}
	g := &GitHub{api: apiURL, graphql: gql, owner: owner, rep: name, number: number}
	g.c = newClient("github", hc, token, func(r *http.Request) {
		r.Header.Set("Authorization", "Bearer "+token)
		r.Header.Set("Accept", "application/vnd.github+json")
		r.Header.Set("X-GitHub-Api-Version", "2022-11-28")
	})
	return g, nil
}

// Name implements Platform.
func (g *GitHub) Name() string { return "github" }

type githubComment struct {
	ID     int64  `json:"id"`
	NodeID string `json:"node_id"`
	Body   string `json:"body"`
}

func (g *GitHub) repoURL() string {
	return fmt.Sprintf("%s/repos/%s/%s", g.api, url.PathEscape(g.owner), url.PathEscape(g.rep))
}

// List implements Platform (all pages of 100).
func (g *GitHub) List(ctx context.Context) ([]Comment, error) {
	var out []Comment
	for page := 1; ; page++ {
		var batch []githubComment
		u := fmt.Sprintf("%s/issues/%d/comments?per_page=100&page=%d", g.repoURL(), g.number, page)
		if err := g.c.do(ctx, http.MethodGet, u, nil, &batch); err != nil {
			return nil, err
		}
		for _, c := range batch {
			out = append(out, Comment{ID: idString(c.ID), NodeID: c.NodeID, Body: c.Body})
		}
		if len(batch) < 100 {
			return out, nil
		}
	}
}

// Create implements Platform.
func (g *GitHub) Create(ctx context.Context, body string) (Comment, error) {
	var c githubComment
	err := g.c.do(ctx, http.MethodPost, fmt.Sprintf("%s/issues/%d/comments", g.repoURL(), g.number), map[string]string{"body": body}, &c)
	return Comment{ID: idString(c.ID), NodeID: c.NodeID, Body: c.Body}, err
}

// Update implements Platform.
func (g *GitHub) Update(ctx context.Context, c Comment, body string) error {
	return g.c.do(ctx, http.MethodPatch, fmt.Sprintf("%s/issues/comments/%s", g.repoURL(), c.ID), map[string]string{"body": body}, nil)
}

// Delete implements Platform.
func (g *GitHub) Delete(ctx context.Context, c Comment) error {
	return g.c.do(ctx, http.MethodDelete, fmt.Sprintf("%s/issues/comments/%s", g.repoURL(), c.ID), nil, nil)
}

// Hide implements Platform: minimizes the comment as outdated.
func (g *GitHub) Hide(ctx context.Context, c Comment) error {
	q := map[string]any{
		"query":     `mutation($id: ID!) { minimizeComment(input: {subjectId: $id, classifier: OUTDATED}) { minimizedComment { isMinimized } } }`,
		"variables": map[string]string{"id": c.NodeID},
	}
	var resp struct {
		Errors []struct {
			Message string `json:"message"`
		} `json:"errors"`
	}
	if err := g.c.do(ctx, http.MethodPost, g.graphql, q, &resp); err != nil {
		return err
	}
	if len(resp.Errors) > 0 {
		return failure.Internalf("github: hiding comment %s: %s", c.ID, g.c.scrub(resp.Errors[0].Message))
	}
	return nil
}
