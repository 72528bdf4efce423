package cli

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
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
			if _, err := fmt.Sscan(strings.TrimPrefix(r.URL.Path, "/repos/acme/infra/issues/comments/"), &id); err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
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
	// The token is checked before the plan is read (and priced).
	code, _, stderr = run(t, "comment", "github", filepath.Join(t.TempDir(), "missing.json"), "--repo", "acme/infra", "--pull-request", "42")
	if code != failure.ExitError || !strings.Contains(stderr, "GITHUB_TOKEN") || strings.Contains(stderr, "missing.json") {
		t.Fatalf("no token, missing plan: exit %d: %s", code, stderr)
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

// TestCommentPlatformsFromCIEnvironment: each platform finds its repository,
// pull request and token in the variables its CI sets, and calls its API.
func TestCommentPlatformsFromCIEnvironment(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Method+" "+r.URL.Path+" "+r.Header.Get("Authorization")+r.Header.Get("PRIVATE-TOKEN"))
		mu.Unlock()
		switch {
		case r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/threads"):
			_, _ = fmt.Fprint(w, `{"value": []}`) // a failed write shows up as the client's error
		case r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/comments") && strings.Contains(r.URL.Path, "pullrequests"):
			_, _ = fmt.Fprint(w, `{"values": []}`)
		case r.Method == http.MethodGet:
			_, _ = fmt.Fprint(w, `[]`)
		default:
			_, _ = fmt.Fprint(w, `{"id": 1, "comments": [{"id": 1}]}`)
		}
	}))
	defer srv.Close()
	cases := []struct {
		platform string
		env      map[string]string
		args     []string
		wantPOST string
		auth     string
	}{
		{"github", map[string]string{"GITHUB_TOKEN": "t1", "GITHUB_REPOSITORY": "o/r", "GITHUB_REF": "refs/pull/9/merge", "GITHUB_API_URL": srv.URL},
			nil, "POST /repos/o/r/issues/9/comments", "Bearer t1"},
		{"gitlab", map[string]string{"GITLAB_TOKEN": "t2", "CI_PROJECT_ID": "77", "CI_MERGE_REQUEST_IID": "5", "CI_API_V4_URL": srv.URL + "/api/v4"},
			nil, "POST /api/v4/projects/77/merge_requests/5/notes", "t2"},
		{"azure-repos", map[string]string{"SYSTEM_ACCESSTOKEN": "t3", "SYSTEM_COLLECTIONURI": srv.URL + "/org/", "SYSTEM_TEAMPROJECT": "proj",
			"BUILD_REPOSITORY_NAME": "repo", "SYSTEM_PULLREQUEST_PULLREQUESTID": "12"},
			nil, "POST /org/proj/_apis/git/repositories/repo/pullRequests/12/threads", "Basic OnQz"}, // base64(":t3")
		{"bitbucket", map[string]string{"BITBUCKET_TOKEN": "t4", "BITBUCKET_REPO_FULL_NAME": "ws/repo", "BITBUCKET_PR_ID": "3"},
			[]string{"--api-url", srv.URL + "/2.0"}, "POST /2.0/repositories/ws/repo/pullrequests/3/comments", "Bearer t4"},
	}
	for _, c := range cases {
		t.Run(c.platform, func(t *testing.T) {
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			seen = nil
			code, _, stderr := run(t, append([]string{"comment", c.platform, deletesPlan}, c.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if len(seen) != 2 || seen[1] != c.wantPOST+" "+c.auth {
				t.Fatalf("requests %q, want list then %q", seen, c.wantPOST+" "+c.auth)
			}
		})
	}
}
