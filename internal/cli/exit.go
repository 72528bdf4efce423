package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tfcost/tfcost/internal/failure"
)

// printError prints err once as "Error: <message>" and returns the exit
// status that failure.ExitCode assigns to it (0 for nil). Violations are
// reported by the commands that find them; only their status matters here.
func printError(w io.Writer, err error) int {
	if err == nil {
		return failure.ExitOK
	}
	var fe *failure.Error
	if errors.As(err, &fe) && (fe.Kind == failure.HardViolation || fe.Kind == failure.SoftViolation) {
		if fe.Msg != "" {
			fmt.Fprintf(w, "%s\n", fe.Msg) //nolint:errcheck // the message goes to stderr; the exit code carries the result
		}
		return failure.ExitCode(err)
	}
	if !errors.As(err, &fe) {
		// cobra's own errors (unknown command, wrong arguments) are usage errors.
		err = &failure.Error{Kind: failure.Usage, Msg: err.Error(), Hint: "Run 'tfcost --help' for usage", Err: err}
	}
	fmt.Fprintf(w, "Error: %s\n", strings.TrimRight(err.Error(), "\n")) //nolint:errcheck // the message goes to stderr; the exit code carries the result
	return failure.ExitCode(err)
}

// flagError turns a flag parsing error into a usage error naming the command.
func flagError(c *cobra.Command, err error) error {
	return &failure.Error{Kind: failure.Usage, Msg: err.Error(),
		Hint: fmt.Sprintf("Run '%s --help' for usage", c.CommandPath()), Err: err}
}

// noArgs is cobra.NoArgs with a message that says what the command takes
// instead (a subcommand, a flag).
func noArgs(what string) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) != 0 {
			return &failure.Error{Kind: failure.Usage,
				Msg:  fmt.Sprintf("%s takes %s, got %d argument(s)", c.CommandPath(), what, len(args)),
				Hint: fmt.Sprintf("Usage: %s", c.UseLine())}
		}
		return nil
	}
}

// maxArgs is cobra.MaximumNArgs with a message that says what is allowed.
func maxArgs(n int, what string) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) > n {
			return &failure.Error{Kind: failure.Usage,
				Msg:  fmt.Sprintf("%s takes %s, got %d arguments", c.CommandPath(), what, len(args)),
				Hint: fmt.Sprintf("Usage: %s", c.UseLine())}
		}
		return nil
	}
}
