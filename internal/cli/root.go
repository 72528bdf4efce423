// Package cli is the tfcost command line: argument parsing into typed
// structs, the pipeline plan → estimate, and the choice of renderer. Errors
// are printed once, and exit codes come only from failure.ExitCode.
package cli

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/tfcost/tfcost/internal/failure"
)

// IO are the streams a command uses; tests pass buffers.
type IO struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
	// Terminal is true when Out is a terminal: colour is allowed.
	Terminal bool
}

// StdIO returns the process's streams.
func StdIO() IO {
	term := false
	if st, err := os.Stdout.Stat(); err == nil {
		term = st.Mode()&os.ModeCharDevice != 0
	}
	return IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, Terminal: term}
}

// Execute runs tfcost with args and calls exit with the exit status (main
// passes os.Exit; tests pass a function that records the code).
func Execute(version string, exit func(int), args []string) {
	exit(Run(version, args, StdIO()))
}

// Run runs tfcost with args on the given streams and returns the exit
// status. A panic is reported as an internal error, never a stack trace.
func Run(version string, args []string, streams IO) (code int) {
	defer func() {
		if r := recover(); r != nil {
			err := failure.Internalf("internal error: %v (please report this with the command you ran)", r)
			if os.Getenv("TFCOST_DEBUG") != "" {
				fmt.Fprintf(streams.Err, "%s\n", debug.Stack()) //nolint:errcheck // crash report on stderr, best effort
			}
			code = printError(streams.Err, err)
		}
	}()
	g := &globalOptions{version: version, io: streams}
	root := newRootCommand(g)
	root.SetArgs(args)
	root.SetIn(streams.In)
	root.SetOut(streams.Out)
	root.SetErr(streams.Err)
	err := root.Execute()
	return printError(streams.Err, err)
}

// newRootCommand builds the command tree. Subcommands are listed here, one
// line each, so the whole CLI is visible in one place.
func newRootCommand(g *globalOptions) *cobra.Command {
	root := &cobra.Command{
		Use:   "tfcost",
		Short: "Offline cost estimates for Terraform plans on AWS",
		Long: "tfcost prices the AWS resources of a Terraform plan from a catalog embedded in the binary:\n" +
			"no network, no API key.\n\n" +
			"  terraform plan -out tfplan && terraform show -json tfplan > plan.json\n" +
			"  tfcost breakdown plan.json",
		Version:       version(g.version),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetVersionTemplate("tfcost {{.Version}}\n")
	g.addFlags(root)
	root.SetFlagErrorFunc(flagError)

	root.AddCommand(
		newBreakdownCommand(g),
		newRecommendCommand(g),
		newCatalogCommand(g),
		newConfigCommand(g),
		newVersionCommand(g),
		newDiffCommand(g),
		newCheckCommand(g),
		newCommentCommand(g),
		newOutputCommand(g),
	)
	for _, c := range root.Commands() {
		c.SetFlagErrorFunc(flagError)
	}
	return root
}

func version(v string) string {
	if v == "" {
		return "dev"
	}
	return v
}
