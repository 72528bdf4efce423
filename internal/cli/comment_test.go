package cli

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/tfcost/tfcost/internal/failure"
)

// fakeGitHub emulates GitHub's issue-comment endpoints for one pull request
// on 127.0.0.1.
type fakeGitHub struct {
	mu       sync.Mutex
	comments map[int]string
	order    []int
	posts    int
	patches  int
}

func newFakeGitHub(t *testing.T, token string) (*fakeGitHub, *httptest.Server) {
	f := &fakeGitHub{comments: map[int]string{}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		defer f.mu.Unlock()
		if r.Header.Get("Authorization") != "Bearer "+token {
			http.Error(w, `{"message":"Bad credentials"}`, http.StatusUnauthorized)
			return
		}
		var in struct{ Body string }
		_ = json.NewDecoder(r.Body).Decode(&in)
		switch {
		case r.Method == http.MethodGet && r.URL.Path == "/repos/acme/infra/issues/42/comments":
			var out []map[string]any
			for _, id := range f.order {
				out = append(out, map[string]any{"id": id, "node_id": fmt.Sprint("N", id), "body": f.comments[id]})
			}
			_ = json.NewEncoder(w).Encode(out)
		case r.Method == http.MethodPost && r.URL.Path == "/repos/acme/infra/issues/42/comments":
			id := 1000 + len(f.order)
			f.order = append(f.order, id)
			f.comments[id] = in.Body
			f.posts++
			w.WriteHeader(http.StatusCreated)
			_ = json.NewEncoder(w).Encode(map[string]any{"id": id, "node_id": fmt.Sprint("N", id), "body": in.Body})
		case r.Method == http.MethodPatch && strings.HasPrefix(r.URL.Path, "/repos/acme/infra/issues/comments/"):
			var id int
			fmt.Sscan(strings.TrimPrefix(r.URL.Path, "/repos/acme/infra/issues/comments/"), &id)
			if _, ok := f.comments[id]; !ok {
				http.NotFound(w, r)
				return
			}
			f.comments[id] = in.Body
			f.patches++
			_ = json.NewEncoder(w).Encode(map[string]any{"id": id})
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return f, srv
}

func TestCommentGitHubPostsThenUpdates(t *testing.T) {
	const token = "ghp_very_secret_value"
	f, srv := newFakeGitHub(t, token)
	t.Setenv("GITHUB_TOKEN", token)
	args := []string{"comment", "github", deletesPlan, "--repo", "acme/infra", "--pull-request", "42", "--api-url", srv.URL}

	code, out, stderr := run(t, args...)
	if code != 0 || !strings.Contains(stderr, "Comment created on github (id 1000)") {
		t.Fatalf("first run: exit %d\n%s%s", code, out, stderr)
	}
	// Second run with a policy: the same comment now shows the verdict.
	p := writeFile(t, "p.hcl", "budget \"total\" {\n  limit = 10\n  enforcement = \"soft\"\n}\n")
	code, out, stderr = run(t, append(args, "--policy", p)...)
	if code != failure.ExitSoftViolation || !strings.Contains(stderr, "Comment updated on github (id 1000)") {
		t.Fatalf("second run: exit %d\n%s%s", code, out, stderr)
	}
	if f.posts != 1 || f.patches != 1 || len(f.comments) != 1 {
		t.Fatalf("posts %d patches %d comments %d", f.posts, f.patches, len(f.comments))
	}
	body := f.comments[1000]
	if !strings.HasPrefix(body, "<!-- tfcost-comment -->") || !strings.Contains(body, "⚠️ **Budget policies: soft violations**") ||
		!strings.Contains(body, "monthly cost will decrease by $16.44 (-60.00%)") {
		t.Fatalf("body:\n%s", body)
	}
	if strings.Contains(out+stderr, token) {
		t.Fatal("token printed")
	}
}

func TestCommentTokenNeverPrinted(t *testing.T) {
	_, srv := newFakeGitHub(t, "the-real-token")
	const wrong = "ghp_wrong_but_secret"
	code, out, stderr := run(t, "comment", "github", deletesPlan, "--repo", "acme/infra", "--pull-request", "42",
		"--api-url", srv.URL, "--token", wrong)
	if code != failure.ExitError || !strings.Contains(stderr, "401") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if strings.Contains(out+stderr, wrong) {
		t.Fatalf("token printed: %s", stderr)
	}
	t.Setenv("GITHUB_TOKEN", "")
	code, _, stderr = run(t, "comment", "github", deletesPlan, "--repo", "acme/infra", "--pull-request", "42", "--api-url", srv.URL)
	if code != failure.ExitError || !strings.Contains(stderr, "GITHUB_TOKEN") {
		t.Fatalf("no token: exit %d: %s", code, stderr)
	}
}

func TestCommentDryRun(t *testing.T) {
	t.Setenv("BITBUCKET_TOKEN", "")
	code, out, stderr := run(t, "comment", "bitbucket", deletesPlan, "--dry-run")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(out, "[//]: # (tfcost-comment)") || strings.Contains(out, "<details>") {
		t.Fatalf("dry-run body:\n%s", out)
	}
	if code, _, stderr := run(t, "comment", "gitlab", deletesPlan, "--dry-run", "--behavior", "sideways"); code != failure.ExitError ||
		!strings.Contains(stderr, "--behavior") {
		t.Fatalf("bad behavior: %d %s", code, stderr)
	}
}
