package report

import (
	"io"

	"github.com/tfcost/tfcost/internal/diff"
)

// Bitbucket Cloud renders no HTML: an HTML comment would show as text, so the
// marker is an empty Markdown link reference definition (`[//]: # (...)`),
// which renders as nothing and is preserved in the stored raw content. The
// resource list is a plain table under a bold heading instead of <details>.
var bitbucketPlatform = platform{name: "bitbucket", marker: "[//]: # (" + CommentMarker + ")", html: false, maxLen: 32000}

// BitbucketComment renders a diff report as a Bitbucket pull-request comment.
func BitbucketComment(w io.Writer, r *diff.Report) error {
	return renderComment(w, r, bitbucketPlatform)
}
