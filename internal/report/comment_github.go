package report

import (
	"io"

	"github.com/tfcost/tfcost/internal/diff"
)

// GitHub renders HTML in comments (<details> collapses the resource list)
// and keeps HTML comments hidden; a comment body is limited to 65,536
// characters.
var githubPlatform = platform{name: "github", marker: "<!-- " + CommentMarker + " -->", html: true, maxLen: 65000}

// GitHubComment renders a diff report as a GitHub pull-request comment.
func GitHubComment(w io.Writer, r *diff.Report) error { return renderComment(w, r, githubPlatform) }
