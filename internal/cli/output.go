package cli

import (
	"io"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tfcost/tfcost/internal/failure"
	"github.com/tfcost/tfcost/internal/report"
)

type outputArgs struct {
	Paths   []string
	Format  string
	OutFile string
}

// newOutputCommand is `tfcost output`: merge tfcost JSON files written by
// parallel CI jobs (one per project) into one report in any format — the
// fan-out/fan-in that lets a monorepo scale past one machine.
func newOutputCommand(g *globalOptions) *cobra.Command {
	a := &outputArgs{}
	cmd := &cobra.Command{
		Use:   "output --path 'results/*.json' [--format FORMAT]",
		Short: "Merge tfcost JSON files from parallel runs into one report",
		Long: `output reads tfcost JSON files (breakdown or diff --format json), one per project,
and renders them together: --format json writes one merged JSON file; table, markdown
and csv render the merged breakdown; diff and the *-comment formats render the cost
change (prior → planned) of every project with the aggregate.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          noArgs("no arguments (pass the files with --path)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(a.Paths) == 0 {
				return failure.Usagef("output needs --path with one or more tfcost JSON files or globs")
			}
			// The format is resolved before the files are read, so a typo
			// fails at once. diff and the comment formats render the change.
			var render func(io.Writer, []report.Project, report.Options) error
			diffName := a.Format
			if diffName == "diff" {
				diffName = "table"
			}
			if renderDiff, ok := report.LookupDiff(diffName); ok && (a.Format == "diff" || strings.HasSuffix(a.Format, "-comment")) {
				render = func(w io.Writer, ps []report.Project, opts report.Options) error {
					return renderDiff(w, report.DiffOf(ps), opts)
				}
			} else if r, ok := report.Lookup(a.Format); ok {
				render = r
			} else {
				return failure.Usagef("unknown --format %q; expected one of %s", a.Format, strings.Join(outputFormats(), ", "))
			}
			projects, err := readJSONPaths(a.Paths)
			if err != nil {
				return err
			}
			opts := report.Options{Command: "output", Version: version(g.version), Color: a.Format == "table" && a.OutFile == "" && g.color()}
			return writeOutput(g.io.Out, a.OutFile, func(w io.Writer) error { return render(w, projects, opts) })
		},
	}
	cmd.Flags().StringArrayVar(&a.Paths, "path", nil, "tfcost JSON file or glob, e.g. 'results/*.json' (repeatable)")
	cmd.Flags().StringVar(&a.OutFile, "out-file", "", "write the output to `FILE` instead of stdout")
	cmd.Flags().StringVar(&a.Format, "format", "table", "output format: "+strings.Join(outputFormats(), ", "))
	return cmd
}

func outputFormats() []string {
	out := append(report.Formats(), "diff")
	for _, f := range report.DiffFormats() {
		if strings.HasSuffix(f, "-comment") && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	sort.Strings(out)
	return out
}

// readJSONPaths expands globs (sorted, so the merged order is stable) and
// reads every file's projects. A glob matching nothing is an error: a CI job
// that produced no result must not pass silently.
func readJSONPaths(patterns []string) ([]report.Project, error) {
	var files []string
	seen := map[string]bool{}
	for _, pat := range patterns {
		matches, err := filepath.Glob(pat)
		if err != nil {
			return nil, failure.Usagef("bad --path pattern %q: %v", pat, err)
		}
		if len(matches) == 0 {
			return nil, failure.Inputf(pat, "no file matches")
		}
		sort.Strings(matches)
		for _, m := range matches {
			if !seen[m] {
				seen[m] = true
				files = append(files, m)
			}
		}
	}
	var projects []report.Project
	for _, f := range files {
		ps, _, err := report.ReadJSONFile(f)
		if err != nil {
			return nil, err
		}
		projects = append(projects, ps...)
	}
	return projects, nil
}
