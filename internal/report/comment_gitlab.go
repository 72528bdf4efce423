package report

import (
	"io"

	"github.com/tfcost/tfcost/internal/diff"
)

// GitLab renders HTML (<details>) and hides HTML comments in merge-request
// notes; notes are limited to 1,000,000 characters.
var gitlabPlatform = platform{name: "gitlab", marker: "<!-- " + CommentMarker + " -->", html: true, maxLen: 1000000}

// GitLabComment renders a diff report as a GitLab merge-request note.
func GitLabComment(w io.Writer, r *diff.Report) error { return renderComment(w, r, gitlabPlatform) }
