package comment

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// fakeHost emulates the comment endpoints of one platform in memory, on
// 127.0.0.1. Every request must carry wantAuth in the header authHeader.
type fakeHost struct {
	t          *testing.T
	mu         sync.Mutex
	comments   map[int]string // id → body
	hidden     map[string]bool
	nextID     int
	authHeader string
	wantAuth   string
	calls      []string
	srv        *httptest.Server
}

func newFake(t *testing.T, authHeader, wantAuth string, routes func(f *fakeHost, w http.ResponseWriter, r *http.Request, body []byte)) *fakeHost {
	f := &fakeHost{t: t, comments: map[int]string{}, hidden: map[string]bool{}, nextID: 100, authHeader: authHeader, wantAuth: wantAuth}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if got := r.Header.Get(f.authHeader); got != f.wantAuth {
			http.Error(w, `{"message":"Bad credentials"}`, http.StatusUnauthorized)
			return
		}
		body, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		defer f.mu.Unlock()
		f.calls = append(f.calls, r.Method+" "+r.URL.Path)
		routes(f, w, r, body)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeHost) ids() []int {
	var ids []int
	for id := range f.comments {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	return ids
}

func (f *fakeHost) add(body string) int {
	f.nextID++
	f.comments[f.nextID] = body
	return f.nextID
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

func field(t *testing.T, body []byte, path ...string) string {
	var m any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("request body is not JSON: %s", body)
	}
	for _, p := range path {
		switch v := m.(type) {
		case map[string]any:
			m = v[p]
		case []any:
			i, _ := strconv.Atoi(p)
			m = v[i]
		}
	}
	s, _ := m.(string)
	return s
}

var idAtEnd = regexp.MustCompile(`/(\d+)$`)

func githubFake(t *testing.T, token string) *fakeHost {
	return newFake(t, "Authorization", "Bearer "+token, func(f *fakeHost, w http.ResponseWriter, r *http.Request, body []byte) {
		const list = "/repos/acme/infra/issues/7/comments"
		switch {
		case r.Method == http.MethodGet && r.URL.Path == list:
			out := []map[string]any{}
			for _, id := range f.ids() {
				out = append(out, map[string]any{"id": id, "node_id": fmt.Sprintf("IC_%d", id), "body": f.comments[id]})
			}
			writeJSON(w, out)
		case r.Method == http.MethodPost && r.URL.Path == list:
			id := f.add(field(t, body, "body"))
			w.WriteHeader(http.StatusCreated)
			writeJSON(w, map[string]any{"id": id, "node_id": fmt.Sprintf("IC_%d", id), "body": f.comments[id]})
		case strings.HasPrefix(r.URL.Path, "/repos/acme/infra/issues/comments/"):
			id, _ := strconv.Atoi(idAtEnd.FindStringSubmatch(r.URL.Path)[1])
			if _, ok := f.comments[id]; !ok {
				http.NotFound(w, r)
				return
			}
			switch r.Method {
			case http.MethodPatch:
				f.comments[id] = field(t, body, "body")
				writeJSON(w, map[string]any{"id": id})
			case http.MethodDelete:
				delete(f.comments, id)
				w.WriteHeader(http.StatusNoContent)
			}
		case r.Method == http.MethodPost && r.URL.Path == "/graphql":
			if !strings.Contains(field(t, body, "query"), "minimizeComment") {
				t.Errorf("unexpected graphql: %s", body)
			}
			var req struct {
				Variables map[string]string `json:"variables"`
			}
			_ = json.Unmarshal(body, &req)
			f.hidden[req.Variables["id"]] = true
			writeJSON(w, map[string]any{"data": map[string]any{"minimizeComment": map[string]any{"minimizedComment": map[string]any{"isMinimized": true}}}})
		default:
			http.NotFound(w, r)
		}
	})
}

func gitlabFake(t *testing.T, token string) *fakeHost {
	return newFake(t, "PRIVATE-TOKEN", token, func(f *fakeHost, w http.ResponseWriter, r *http.Request, body []byte) {
		// r.URL.Path is decoded: group%2Finfra arrives as group/infra.
		const notes = "/api/v4/projects/group/infra/merge_requests/3/notes"
		if !strings.Contains(r.URL.RawPath, "group%2Finfra") && r.URL.RawPath != "" {
			t.Errorf("project path not escaped: %s", r.URL.RawPath)
		}
		switch {
		case r.Method == http.MethodGet && r.URL.Path == notes:
			out := []map[string]any{{"id": 1, "body": "added 1 commit", "system": true}}
			for _, id := range f.ids() {
				out = append(out, map[string]any{"id": id, "body": f.comments[id], "system": false})
			}
			writeJSON(w, out)
		case r.Method == http.MethodPost && r.URL.Path == notes:
			id := f.add(field(t, body, "body"))
			w.WriteHeader(http.StatusCreated)
			writeJSON(w, map[string]any{"id": id, "body": f.comments[id]})
		case strings.HasPrefix(r.URL.Path, notes+"/"):
			id, _ := strconv.Atoi(idAtEnd.FindStringSubmatch(r.URL.Path)[1])
			if _, ok := f.comments[id]; !ok {
				http.NotFound(w, r)
				return
			}
			switch r.Method {
			case http.MethodPut:
				f.comments[id] = field(t, body, "body")
				writeJSON(w, map[string]any{"id": id})
			case http.MethodDelete:
				delete(f.comments, id)
				w.WriteHeader(http.StatusNoContent)
			}
		default:
			http.NotFound(w, r)
		}
	})
}

// azureFake keeps one thread per comment: thread id = comment id, comment id 1.
func azureFake(t *testing.T, token string) *fakeHost {
	basic := "Basic " + b64(":"+token)
	return newFake(t, "Authorization", basic, func(f *fakeHost, w http.ResponseWriter, r *http.Request, body []byte) {
		const threads = "/org/proj/_apis/git/repositories/infra/pullRequests/12/threads"
		if r.URL.Query().Get("api-version") != "7.1" {
			t.Errorf("missing api-version: %s", r.URL)
		}
		switch {
		case r.Method == http.MethodGet && r.URL.Path == threads:
			out := []map[string]any{}
			for _, id := range f.ids() {
				out = append(out, map[string]any{"id": id, "comments": []map[string]any{{"id": 1, "content": f.comments[id]}}})
			}
			writeJSON(w, map[string]any{"value": out, "count": len(out)})
		case r.Method == http.MethodPost && r.URL.Path == threads:
			if field(t, body, "status") != "closed" {
				t.Errorf("thread should be created closed: %s", body)
			}
			id := f.add(field(t, body, "comments", "0", "content"))
			writeJSON(w, map[string]any{"id": id, "comments": []map[string]any{{"id": 1, "content": f.comments[id]}}})
		case strings.HasPrefix(r.URL.Path, threads+"/"):
			m := regexp.MustCompile(`/threads/(\d+)/comments/1$`).FindStringSubmatch(r.URL.Path)
			if m == nil {
				http.NotFound(w, r)
				return
			}
			id, _ := strconv.Atoi(m[1])
			if _, ok := f.comments[id]; !ok {
				http.NotFound(w, r)
				return
			}
			switch r.Method {
			case http.MethodPatch:
				f.comments[id] = field(t, body, "content")
				writeJSON(w, map[string]any{"id": 1})
			case http.MethodDelete:
				delete(f.comments, id)
				w.WriteHeader(http.StatusOK)
			}
		default:
			http.NotFound(w, r)
		}
	})
}

func bitbucketFake(t *testing.T, token string) *fakeHost {
	return newFake(t, "Authorization", "Bearer "+token, func(f *fakeHost, w http.ResponseWriter, r *http.Request, body []byte) {
		const list = "/2.0/repositories/ws/infra/pullrequests/5/comments"
		switch {
		case r.Method == http.MethodGet && r.URL.Path == list:
			// Two pages to exercise "next".
			ids := f.ids()
			page := r.URL.Query().Get("page")
			var vals []map[string]any
			next := ""
			for i, id := range ids {
				if (page == "" && i == 0) || (page == "2" && i > 0) {
					vals = append(vals, map[string]any{"id": id, "content": map[string]string{"raw": f.comments[id]}})
				}
			}
			if page == "" && len(ids) > 1 {
				next = f.srv.URL + list + "?page=2"
			}
			writeJSON(w, map[string]any{"values": vals, "next": next})
		case r.Method == http.MethodPost && r.URL.Path == list:
			id := f.add(field(t, body, "content", "raw"))
			w.WriteHeader(http.StatusCreated)
			writeJSON(w, map[string]any{"id": id, "content": map[string]string{"raw": f.comments[id]}})
		case strings.HasPrefix(r.URL.Path, list+"/"):
			id, _ := strconv.Atoi(idAtEnd.FindStringSubmatch(r.URL.Path)[1])
			if _, ok := f.comments[id]; !ok {
				http.NotFound(w, r)
				return
			}
			switch r.Method {
			case http.MethodPut:
				f.comments[id] = field(t, body, "content", "raw")
				writeJSON(w, map[string]any{"id": id})
			case http.MethodDelete:
				delete(f.comments, id)
				w.WriteHeader(http.StatusNoContent)
			}
		default:
			http.NotFound(w, r)
		}
	})
}
