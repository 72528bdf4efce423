package comment

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"

	"github.com/tfcost/tfcost/internal/failure"
)

// AzureRepos posts pull-request threads (REST 7.1). tfcost's comment is the
// first comment of its own thread; the thread is created "closed" so it
// never blocks completion under a "resolve all comments" policy. Hiding
// is not possible (threads can only be resolved).
type AzureRepos struct {
	c    *client
	base string // …/{project}/_apis/git/repositories/{repo}/pullRequests/{id}
}

const azureAPIVersion = "api-version=7.1"

// NewAzureRepos returns the Azure Repos platform for a repository URL
// (https://dev.azure.com/org/project/_git/repo) and pull request id. The
// token is a PAT or the pipeline's System.AccessToken (Basic auth with an
// empty user name accepts both).
func NewAzureRepos(hc *http.Client, repoURL string, pr int, token string) (*AzureRepos, error) {
	prefix, repo, ok := strings.Cut(strings.TrimSuffix(repoURL, "/"), "/_git/")
	if !ok || repo == "" || !strings.HasPrefix(prefix, "http") {
		return nil, failure.Usagef("--repo-url %q: expected https://dev.azure.com/<org>/<project>/_git/<repo>", repoURL)
	}
	a := &AzureRepos{base: fmt.Sprintf("%s/_apis/git/repositories/%s/pullRequests/%d", prefix, repo, pr)}
	basic := "Basic " + base64.StdEncoding.EncodeToString([]byte(":"+token))
	a.c = newClient("azure-repos", hc, token, func(r *http.Request) { r.Header.Set("Authorization", basic) })
	return a, nil
}

// Name implements Platform.
func (a *AzureRepos) Name() string { return "azure-repos" }

type azureThread struct {
	ID        int64          `json:"id"`
	IsDeleted bool           `json:"isDeleted"`
	Comments  []azureComment `json:"comments"`
}

type azureComment struct {
	ID        int64  `json:"id"`
	Content   string `json:"content"`
	IsDeleted bool   `json:"isDeleted"`
}

// List implements Platform: the first comment of every live thread.
func (a *AzureRepos) List(ctx context.Context) ([]Comment, error) {
	var resp struct {
		Value []azureThread `json:"value"`
	}
	if err := a.c.do(ctx, http.MethodGet, a.base+"/threads?"+azureAPIVersion, nil, &resp); err != nil {
		return nil, err
	}
	var out []Comment
	for _, t := range resp.Value {
		if t.IsDeleted || len(t.Comments) == 0 || t.Comments[0].IsDeleted {
			continue
		}
		out = append(out, Comment{ID: fmt.Sprintf("%d/%d", t.ID, t.Comments[0].ID), Body: t.Comments[0].Content})
	}
	return out, nil
}

// Create implements Platform.
func (a *AzureRepos) Create(ctx context.Context, body string) (Comment, error) {
	in := map[string]any{
		"comments": []map[string]any{{"parentCommentId": 0, "content": body, "commentType": "text"}},
		"status":   "closed",
	}
	var t azureThread
	if err := a.c.do(ctx, http.MethodPost, a.base+"/threads?"+azureAPIVersion, in, &t); err != nil {
		return Comment{}, err
	}
	c := Comment{ID: fmt.Sprint(t.ID), Body: body}
	if len(t.Comments) > 0 {
		c.ID = fmt.Sprintf("%d/%d", t.ID, t.Comments[0].ID)
	}
	return c, nil
}

func (a *AzureRepos) commentURL(c Comment) string {
	thread, comment, _ := strings.Cut(c.ID, "/")
	return fmt.Sprintf("%s/threads/%s/comments/%s?%s", a.base, thread, comment, azureAPIVersion)
}

// Update implements Platform.
func (a *AzureRepos) Update(ctx context.Context, c Comment, body string) error {
	return a.c.do(ctx, http.MethodPatch, a.commentURL(c), map[string]string{"content": body}, nil)
}

// Delete implements Platform (deleting a thread's only comment deletes the thread).
func (a *AzureRepos) Delete(ctx context.Context, c Comment) error {
	return a.c.do(ctx, http.MethodDelete, a.commentURL(c), nil, nil)
}

// Hide implements Platform.
func (a *AzureRepos) Hide(context.Context, Comment) error { return ErrHideUnsupported }
