package policy

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/tfcost/tfcost/internal/failure"
)

// Gate turns a verdict into a command's result: nil when it passes (advisory
// findings only), a failure.Violation when hard or soft violations exist
// (soft ones pass with allowSoft), and an input error when a rule could not
// be evaluated. failure.ExitCode maps the result to 0, 1, 2 or 3. The
// violation's message only counts: every command already shows the verdict
// (text, JSON or the comment), and repeating the first violation there
// printed it twice.
func Gate(v Verdict, allowSoft bool) error {
	if err := v.Err(); err != nil {
		return err
	}
	hard, soft := v.count(Hard), v.count(Soft)
	switch {
	case hard > 0:
		msg := fmt.Sprintf("%d hard policy violation(s)", hard)
		if soft > 0 {
			msg += fmt.Sprintf(" and %d soft", soft)
		}
		return failure.Violation(true, msg)
	case soft > 0 && !allowSoft:
		return failure.Violation(false, fmt.Sprintf("%d soft policy violation(s) (--allow-soft to accept them)", soft))
	}
	return nil
}

// Apply is the hook commands with a --policy flag call (check, breakdown,
// diff, comment) once they have priced the plan: it evaluates the set, writes
// the verdict as text to w (nil w writes nothing) and returns the verdict and
// Gate's error. Commands parse the file (ParseFile) before pricing, so a
// broken policy fails in milliseconds instead of after a long estimate. A nil
// set means no policy: a nil verdict and nil.
func (s *Set) Apply(w io.Writer, in Input, allowSoft bool) (*Verdict, error) {
	if s == nil {
		return nil, nil
	}
	v := s.Evaluate(in)
	if w != nil {
		if err := WriteText(w, v); err != nil {
			return &v, failure.Internalf("cannot write policy verdict: %v", err)
		}
	}
	return &v, Gate(v, allowSoft)
}

func (v Verdict) count(e Enforcement) int {
	n := 0
	for _, x := range v.Violations {
		if x.Enforcement == e {
			n++
		}
	}
	return n
}

// Status summarises the verdict in one word: "error" (a rule could not be
// evaluated), "fail" (hard), "warn" (soft),
// "pass" (advisory findings or nothing).
func (v Verdict) Status() string {
	switch {
	case len(v.Errors) > 0:
		return "error"
	case v.Hard():
		return "fail"
	case v.Soft():
		return "warn"
	}
	return "pass"
}

// WriteText prints the verdict for people: one line per violation with its
// enforcement level, then checks that did not apply.
func WriteText(w io.Writer, v Verdict) error {
	var b strings.Builder
	switch {
	case v.Hard():
		fmt.Fprintf(&b, "Policy check FAILED: %d of %d policies violated\n", len(v.Violations), v.Evaluated)
	case v.Soft():
		fmt.Fprintf(&b, "Policy check: soft violations (%d of %d policies)\n", len(v.Violations), v.Evaluated)
	default:
		fmt.Fprintf(&b, "Policy check passed: %d policies evaluated", v.Evaluated)
		if n := len(v.Violations); n > 0 {
			fmt.Fprintf(&b, ", %d advisory finding(s)", n)
		}
		b.WriteString("\n")
	}
	for _, x := range v.Violations {
		fmt.Fprintf(&b, "  [%s] %s %s: %s\n", x.Enforcement, x.Kind, x.Policy, x.Message)
	}
	for _, n := range v.NotApplicable {
		fmt.Fprintf(&b, "  [n/a] %s %s: %s\n", n.Kind, n.Policy, n.Message)
	}
	for _, n := range v.Errors {
		fmt.Fprintf(&b, "  [error] %s %s: %s\n", n.Kind, n.Policy, n.Message)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// jsonVerdict is the stable JSON shape of a verdict for other tools.
type jsonVerdict struct {
	Status string `json:"status"`
	Verdict
}

// WriteJSON prints the verdict as JSON: {"status": "pass|warn|fail", "violations": [...], ...}.
func WriteJSON(w io.Writer, v Verdict) error {
	if v.Violations == nil {
		v.Violations = []Violation{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(jsonVerdict{Status: v.Status(), Verdict: v})
}
