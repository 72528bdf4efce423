package comment

import (
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/tfcost/tfcost/internal/failure"
)

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

const (
	token  = "s3cr3t-token-value"
	marker = "<!-- tfcost-comment -->"
)

type setup struct {
	name string
	fake func(t *testing.T, token string) *fakeHost
	make func(f *fakeHost, token string) (Platform, error)
	hide bool
}

var platforms = []setup{
	{"github", githubFake, func(f *fakeHost, tok string) (Platform, error) {
		return NewGitHub(f.srv.Client(), f.srv.URL, "acme/infra", 7, tok)
	}, true},
	{"gitlab", gitlabFake, func(f *fakeHost, tok string) (Platform, error) {
		return NewGitLab(f.srv.Client(), f.srv.URL+"/api/v4", "group/infra", 3, tok), nil
	}, false},
	{"azure-repos", azureFake, func(f *fakeHost, tok string) (Platform, error) {
		return NewAzureRepos(f.srv.Client(), f.srv.URL+"/org/proj/_git/infra", 12, tok)
	}, false},
	{"bitbucket", bitbucketFake, func(f *fakeHost, tok string) (Platform, error) {
		return NewBitbucket(f.srv.Client(), f.srv.URL+"/2.0", "ws/infra", 5, tok)
	}, false},
}

// TestPostThenUpdateInPlace: the first run creates the comment, the second
// edits that same comment, a third with the same body changes nothing;
// other people's comments are left alone.
func TestPostThenUpdateInPlace(t *testing.T) {
	ctx := context.Background()
	for _, pf := range platforms {
		t.Run(pf.name, func(t *testing.T) {
			f := pf.fake(t, token)
			f.add("LGTM from a human")
			p, err := pf.make(f, token)
			if err != nil {
				t.Fatal(err)
			}
			r1, err := Post(ctx, p, marker+"\ncost +$10", marker, Update)
			if err != nil || r1.Action != "created" {
				t.Fatalf("first post: %+v %v", r1, err)
			}
			r2, err := Post(ctx, p, marker+"\ncost +$20", marker, Update)
			if err != nil || r2.Action != "updated" || r2.Comment.ID != r1.Comment.ID {
				t.Fatalf("second post: %+v (first %+v) %v", r2, r1, err)
			}
			r3, err := Post(ctx, p, marker+"\ncost +$20", marker, Update)
			if err != nil || r3.Action != "unchanged" {
				t.Fatalf("third post: %+v %v", r3, err)
			}
			if len(f.comments) != 2 {
				t.Fatalf("comments = %v, want the human's and one tfcost comment", f.comments)
			}
			var bodies []string
			for _, id := range f.ids() {
				bodies = append(bodies, f.comments[id])
			}
			if bodies[0] != "LGTM from a human" || bodies[1] != marker+"\ncost +$20" {
				t.Fatalf("bodies = %q", bodies)
			}
		})
	}
}

func TestDeleteAndNewAndHide(t *testing.T) {
	ctx := context.Background()
	for _, pf := range platforms {
		t.Run(pf.name, func(t *testing.T) {
			f := pf.fake(t, token)
			p, _ := pf.make(f, token)
			for i := 0; i < 2; i++ {
				if _, err := Post(ctx, p, marker+"\nold", marker, New); err != nil {
					t.Fatal(err)
				}
			}
			res, err := Post(ctx, p, marker+"\nnew", marker, DeleteAndNew)
			if err != nil || res.Deleted != 2 || len(f.comments) != 1 {
				t.Fatalf("delete-and-new: %+v %v, comments %v", res, err, f.comments)
			}
			res, err = Post(ctx, p, marker+"\nnewer", marker, HideAndNew)
			if !pf.hide {
				if !errors.Is(err, ErrHideUnsupported) {
					t.Fatalf("hide on %s: %v", pf.name, err)
				}
				return
			}
			if err != nil || res.Hidden != 1 || len(f.comments) != 2 || len(f.hidden) != 1 {
				t.Fatalf("hide-and-new: %+v %v hidden %v", res, err, f.hidden)
			}
		})
	}
}

// TestTokenNeverInErrors: a server that rejects the token and echoes it back
// must not get the token into the error text.
func TestTokenNeverInErrors(t *testing.T) {
	ctx := context.Background()
	for _, pf := range platforms {
		t.Run(pf.name, func(t *testing.T) {
			f := pf.fake(t, "the-right-token")
			p, _ := pf.make(f, token) // wrong token
			_, err := Post(ctx, p, marker, marker, Update)
			var fe *failure.Error
			if !errors.As(err, &fe) {
				t.Fatalf("got %v", err)
			}
			if strings.Contains(err.Error(), token) || !strings.Contains(err.Error(), "401") {
				t.Fatalf("error %q leaks the token or hides the status", err)
			}
		})
	}
	// A server that echoes the token in its error body is scrubbed too.
	c := newClient("x", nil, token, func(*http.Request) {})
	if got := c.scrub("bad token " + token); strings.Contains(got, token) {
		t.Fatal(got)
	}
	// Nor does the Basic credential (base64 of the token) of a server that
	// echoes the Authorization header.
	a, err := NewAzureRepos(nil, "https://dev.azure.com/o/p/_git/r", 1, token)
	if err != nil {
		t.Fatal(err)
	}
	basic := base64.StdEncoding.EncodeToString([]byte(":" + token))
	if got := a.c.scrub("Authorization: Basic " + basic); strings.Contains(got, basic) {
		t.Fatal(got)
	}
}

func TestParseArgs(t *testing.T) {
	if _, err := NewGitHub(nil, "", "noslash", 1, "t"); err == nil {
		t.Error("github repo without owner accepted")
	}
	if _, err := NewAzureRepos(nil, "https://dev.azure.com/org/proj/repo", 1, "t"); err == nil {
		t.Error("azure URL without _git accepted")
	}
	if _, err := NewBitbucket(nil, "", "a/b/c", 1, "t"); err == nil {
		t.Error("bitbucket repo with two slashes accepted")
	}
	if _, err := ParseBehavior("replace"); err == nil {
		t.Error("unknown behavior accepted")
	}
	g, _ := NewGitHub(nil, "https://ghe.example.com/api/v3/", "a/b", 1, "t")
	if g.graphql != "https://ghe.example.com/api/graphql" {
		t.Errorf("GHES graphql URL = %s", g.graphql)
	}
}
