// Package failure holds tfcost's typed errors and the one table that maps them
// to process exit codes. Every command and the provider report failures through
// these types so that users see one clear message (file, position, what was
// expected) and CI sees a stable exit status.
package failure

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
)

// Kind classifies a failure; each kind has exactly one exit code.
type Kind int

const (
	// Input is bad input: a missing or malformed plan, usage, policy or config file.
	Input Kind = iota + 1
	// Usage is a wrong command line (unknown flag, missing argument).
	Usage
	// Internal is a bug or an environment problem (cannot write output, terraform failed).
	Internal
	// HardViolation is at least one hard budget or policy violation.
	HardViolation
	// SoftViolation is one or more soft violations and no hard one.
	SoftViolation
)

// Exit codes. 0 is success (advisory findings included).
const (
	ExitOK            = 0
	ExitError         = 1
	ExitHardViolation = 2
	ExitSoftViolation = 3
)

// Error is a failure with enough context to tell the user what to fix.
type Error struct {
	Kind     Kind
	File     string // file the problem is in, if any
	Line     int    // 1-based; 0 when unknown
	Column   int    // 1-based; 0 when unknown
	Msg      string // what is wrong
	Expected string // what was expected instead, if it helps
	Hint     string // how to fix it, if known
	Err      error  // underlying cause, kept for errors.Is/As; not printed raw
}

// Error renders "file:line:col: msg (expected X). hint".
func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		if e.Line > 0 {
			fmt.Fprintf(&b, ":%d", e.Line)
			if e.Column > 0 {
				fmt.Fprintf(&b, ":%d", e.Column)
			}
		}
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if e.Expected != "" {
		b.WriteString("; expected ")
		b.WriteString(e.Expected)
	}
	if e.Hint != "" {
		b.WriteString(". ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

// Unwrap returns the underlying cause, so that errors.Is and errors.As see
// through a failure to the OS or parser error behind it.
func (e *Error) Unwrap() error { return e.Err }

// Inputf builds an Input error for a file.
func Inputf(file string, format string, args ...any) *Error {
	return &Error{Kind: Input, File: file, Msg: fmt.Sprintf(format, args...)}
}

// At builds an Input error at a position in a file.
func At(file string, line, col int, msg, expected string) *Error {
	return &Error{Kind: Input, File: file, Line: line, Column: col, Msg: msg, Expected: expected}
}

// Unreadable builds the Input error for a file that cannot be read. The
// message gives the OS's reason without repeating the path ("cannot read
// usage file: no such file or directory"), so that a missing file, a
// directory and a permission problem read differently.
func Unreadable(file, what, expected string, err error) *Error {
	reason := err.Error()
	var pe *fs.PathError
	if errors.As(err, &pe) {
		reason = pe.Err.Error()
	}
	return &Error{Kind: Input, File: file, Msg: "cannot read " + what + ": " + reason, Expected: expected, Err: err}
}

// Usagef builds a command-line usage error.
func Usagef(format string, args ...any) *Error {
	return &Error{Kind: Usage, Msg: fmt.Sprintf(format, args...)}
}

// Internalf builds an internal error.
func Internalf(format string, args ...any) *Error {
	return &Error{Kind: Internal, Msg: fmt.Sprintf(format, args...)}
}

// Violation is returned by gates when budgets are broken; Msg summarises them.
func Violation(hard bool, msg string) *Error {
	k := SoftViolation
	if hard {
		k = HardViolation
	}
	return &Error{Kind: k, Msg: msg}
}

// ExitCode is the single place where errors become exit statuses.
func ExitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var fe *Error
	if errors.As(err, &fe) {
		switch fe.Kind {
		case HardViolation:
			return ExitHardViolation
		case SoftViolation:
			return ExitSoftViolation
		}
	}
	return ExitError
}
