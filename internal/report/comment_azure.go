package report

import (
	"io"

	"github.com/tfcost/tfcost/internal/diff"
)

// Azure Repos pull-request comments render Markdown with HTML, including
// <details>, and keep HTML comments hidden; a comment is limited to 150,000
// characters.
var azurePlatform = platform{name: "azure-repos", marker: "<!-- " + CommentMarker + " -->", html: true, maxLen: 150000}

// AzureReposComment renders a diff report as an Azure Repos pull-request comment.
func AzureReposComment(w io.Writer, r *diff.Report) error { return renderComment(w, r, azurePlatform) }
