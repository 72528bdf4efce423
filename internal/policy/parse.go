package policy

import (
	"fmt"
	"math/big"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/shopspring/decimal"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/tfcost/tfcost/internal/failure"
)

// condition is a rule's compiled expression.
type condition = hcl.Expression

// extraBudgetAttributes are budget attributes parsed into Policy.Extra and
// evaluated by evaluateExtra (extra.go). A new budget measure (e.g. a carbon
// limit) is one entry here and one case there.
var extraBudgetAttributes = []string{"carbon_limit"}

var fileSchema = &hcl.BodySchema{
	Blocks: []hcl.BlockHeaderSchema{
		{Type: string(KindBudget), LabelNames: []string{"name"}},
		{Type: string(KindGuardrail), LabelNames: []string{"name"}},
		{Type: string(KindRule), LabelNames: []string{"name"}},
	},
}

func budgetSchema() *hcl.BodySchema {
	s := &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
		{Name: "limit", Required: true},
		{Name: "scope"},
		{Name: "bound"},
		{Name: "enforcement"},
		{Name: "description"},
	}}
	for _, a := range extraBudgetAttributes {
		s.Attributes = append(s.Attributes, hcl.AttributeSchema{Name: a})
	}
	return s
}

var guardrailSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
	{Name: "max_increase"},
	{Name: "max_increase_percent"},
	{Name: "scope"},
	{Name: "enforcement"},
	{Name: "description"},
}}

var ruleSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
	{Name: "condition", Required: true},
	{Name: "message", Required: true},
	{Name: "enforcement"},
	{Name: "description"},
}}

// ParseFile reads and parses a policy file.
func ParseFile(path string) (*Set, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, failure.Inputf(path, "cannot read policy file: %v", err)
	}
	return Parse(path, src)
}

// Parse parses policy HCL; name is used in error positions. Errors are
// *failure.Error with file:line:col taken from the HCL diagnostics.
func Parse(name string, src []byte) (*Set, error) {
	f, diags := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, diagError(name, diags)
	}
	content, diags := f.Body.Content(fileSchema)
	if diags.HasErrors() {
		return nil, diagError(name, diags)
	}
	s := &Set{File: name}
	seen := map[string]hcl.Range{}
	for _, b := range content.Blocks {
		key := b.Type + "." + b.Labels[0]
		if prev, dup := seen[key]; dup {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError,
				Summary: fmt.Sprintf("Duplicate %s %q", b.Type, b.Labels[0]),
				Detail:  fmt.Sprintf("It was already defined at %s.", prev), Subject: b.LabelRanges[0].Ptr()})
			continue
		}
		seen[key] = b.DefRange
		p, d := parseBlock(b)
		diags = append(diags, d...)
		if p != nil {
			s.Policies = append(s.Policies, p)
		}
	}
	if diags.HasErrors() {
		return nil, diagError(name, diags)
	}
	return s, nil
}

func parseBlock(b *hcl.Block) (*Policy, hcl.Diagnostics) {
	p := &Policy{Name: b.Labels[0], Kind: Kind(b.Type), Enforcement: Hard,
		File: b.DefRange.Filename, Line: b.DefRange.Start.Line, Column: b.DefRange.Start.Column}
	var schema *hcl.BodySchema
	switch p.Kind {
	case KindBudget:
		schema = budgetSchema()
	case KindGuardrail:
		schema = guardrailSchema
	default:
		schema = ruleSchema
	}
	content, diags := b.Body.Content(schema)
	if diags.HasErrors() {
		return nil, diags
	}
	attrs := content.Attributes
	if a, ok := attrs["enforcement"]; ok {
		if e, ok := constOneOf(a, &diags, "Invalid enforcement level", "an enforcement level", Advisory, Soft, Hard); ok {
			p.Enforcement = e
		}
	}
	if a, ok := attrs["description"]; ok {
		s, d := constString(a)
		diags = append(diags, d...)
		p.Description = s
	}
	if a, ok := attrs["scope"]; ok {
		p.Scope, diags = parseScope(a, diags)
	}
	switch p.Kind {
	case KindBudget:
		p.Limit = money(attrs["limit"], &diags)
		p.Bound = BoundExpected
		if a, ok := attrs["bound"]; ok {
			if bd, ok := constOneOf(a, &diags, "Invalid bound", "a bound", BoundMin, BoundExpected, BoundMax); ok {
				p.Bound = bd
			}
		}
		for _, name := range extraBudgetAttributes {
			if a, ok := attrs[name]; ok {
				if v := money(a, &diags); v != nil {
					if p.Extra == nil {
						p.Extra = map[string]decimal.Decimal{}
					}
					p.Extra[name] = *v
				}
			}
		}
	case KindGuardrail:
		p.MaxIncrease = money(attrs["max_increase"], &diags)
		p.MaxIncreasePercent = money(attrs["max_increase_percent"], &diags)
		if attrs["max_increase"] == nil && attrs["max_increase_percent"] == nil {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Empty guardrail",
				Detail:  "A guardrail needs max_increase (USD per month), max_increase_percent, or both.",
				Subject: b.DefRange.Ptr()})
		}
	case KindRule:
		a := attrs["condition"]
		for _, tr := range a.Expr.Variables() {
			if root := tr.RootName(); root != "estimate" {
				diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unknown variable",
					Detail:  fmt.Sprintf("A rule condition can refer only to `estimate`, not %q.", root),
					Subject: tr.SourceRange().Ptr()})
			}
		}
		p.condition = a.Expr
		m := attrs["message"]
		if len(m.Expr.Variables()) == 0 {
			s, d := constString(m)
			diags = append(diags, d...)
			p.Message = s
		} else {
			p.messageExpr = m.Expr
		}
	}
	return p, diags
}

// parseScope reads `scope = { tags = {k = "v"}, types = ["t"] }`.
func parseScope(a *hcl.Attribute, diags hcl.Diagnostics) (Scope, hcl.Diagnostics) {
	var sc Scope
	v, d := a.Expr.Value(nil)
	diags = append(diags, d...)
	if d.HasErrors() {
		return sc, diags
	}
	if v.IsNull() || !v.Type().IsObjectType() && !v.Type().IsMapType() {
		return sc, append(diags, attrDiag(a, "Invalid scope", "scope must be an object: { tags = { key = \"value\" }, types = [\"aws_instance\"], projects = [\"app\"] }."))
	}
	for k, e := range v.AsValueMap() {
		switch k {
		case "tags":
			m, err := convert.Convert(e, cty.Map(cty.String))
			if err != nil || m.IsNull() || !m.IsWhollyKnown() {
				diags = append(diags, attrDiag(a, "Invalid scope tags", "scope.tags must be a map of strings, e.g. { team = \"data\" }."))
				continue
			}
			sc.Tags = map[string]string{}
			for tk, tv := range m.AsValueMap() {
				if tv.IsNull() {
					diags = append(diags, attrDiag(a, "Invalid scope tags", fmt.Sprintf("scope.tags.%s must not be null.", tk)))
					continue
				}
				sc.Tags[tk] = tv.AsString()
			}
		case "types":
			l, err := convert.Convert(e, cty.List(cty.String))
			if err != nil || l.IsNull() || !l.IsWhollyKnown() {
				diags = append(diags, attrDiag(a, "Invalid scope types", "scope.types must be a list of resource types, e.g. [\"aws_instance\"]."))
				continue
			}
			for _, t := range l.AsValueSlice() {
				if !t.IsNull() {
					sc.Types = append(sc.Types, t.AsString())
				}
			}
		case "projects":
			l, err := convert.Convert(e, cty.List(cty.String))
			if err != nil || l.IsNull() || !l.IsWhollyKnown() {
				diags = append(diags, attrDiag(a, "Invalid scope projects", "scope.projects must be a list of project names from tfcost.yml, e.g. [\"app\"]."))
				continue
			}
			for _, t := range l.AsValueSlice() {
				if !t.IsNull() {
					sc.Projects = append(sc.Projects, t.AsString())
				}
			}
		default:
			diags = append(diags, attrDiag(a, "Unsupported scope key", fmt.Sprintf("%q is not a scope key; expected \"tags\", \"types\" or \"projects\".", k)))
		}
	}
	return sc, diags
}

// money reads a non-negative constant number attribute; nil when absent.
func money(a *hcl.Attribute, diags *hcl.Diagnostics) *decimal.Decimal {
	if a == nil {
		return nil
	}
	v, d := a.Expr.Value(nil)
	*diags = append(*diags, d...)
	if d.HasErrors() {
		return nil
	}
	n, err := convert.Convert(v, cty.Number)
	if err != nil || n.IsNull() || !n.IsKnown() {
		*diags = append(*diags, attrDiag(a, "Invalid number", fmt.Sprintf("%s must be a number (USD per month, or percent).", a.Name)))
		return nil
	}
	dec, ok := decimalOf(n.AsBigFloat())
	if !ok || dec.IsNegative() {
		*diags = append(*diags, attrDiag(a, "Invalid number", fmt.Sprintf("%s must be a finite number ≥ 0.", a.Name)))
		return nil
	}
	return &dec
}

// decimalOf converts an HCL number exactly enough for money: HCL keeps
// literals at 512-bit precision, so ten fractional digits recover "0.1".
func decimalOf(f *big.Float) (decimal.Decimal, bool) {
	if f.IsInf() {
		return decimal.Decimal{}, false
	}
	d, err := decimal.NewFromString(f.Text('f', 10))
	if err != nil {
		return decimal.Decimal{}, false
	}
	return trim(d), true
}

// trim drops trailing fractional zeros so 5000.0000000000 prints as 5000.
func trim(d decimal.Decimal) decimal.Decimal {
	s := d.String() // String already omits trailing zeros
	out, _ := decimal.NewFromString(s)
	return out
}

func constString(a *hcl.Attribute) (string, hcl.Diagnostics) {
	v, diags := a.Expr.Value(nil)
	if diags.HasErrors() {
		return "", diags
	}
	s, err := convert.Convert(v, cty.String)
	if err != nil || s.IsNull() || !s.IsKnown() {
		return "", append(diags, attrDiag(a, "Invalid string", fmt.Sprintf("%s must be a string.", a.Name)))
	}
	return s.AsString(), diags
}

// constOneOf reads a string attribute that must be one of allowed, e.g. an
// enforcement level. A value outside allowed gets a diagnostic naming them
// ("%q is not <what>; expected "a", "b" or "c"."); a value that is not a
// string already has constString's.
func constOneOf[T ~string](a *hcl.Attribute, diags *hcl.Diagnostics, summary, what string, allowed ...T) (T, bool) {
	s, d := constString(a)
	*diags = append(*diags, d...)
	if slices.Contains(allowed, T(s)) {
		return T(s), true
	}
	if !d.HasErrors() {
		quoted := make([]string, len(allowed))
		for i, v := range allowed {
			quoted[i] = strconv.Quote(string(v))
		}
		last := len(quoted) - 1
		*diags = append(*diags, attrDiag(a, summary, fmt.Sprintf("%q is not %s; expected %s or %s.",
			s, what, strings.Join(quoted[:last], ", "), quoted[last])))
	}
	return "", false
}

func attrDiag(a *hcl.Attribute, summary, detail string) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: a.Expr.Range().Ptr()}
}

// maxMoreDiagnostics caps the further errors diagError lists.
const maxMoreDiagnostics = 3

// diagError turns HCL diagnostics into one failure.Error positioned at the
// first error; the others are summarised in its message.
func diagError(file string, diags hcl.Diagnostics) error {
	var errs []*hcl.Diagnostic
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			errs = append(errs, d)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	first := errs[0]
	e := &failure.Error{Kind: failure.Input, File: file, Msg: first.Summary, Err: diags}
	if first.Detail != "" {
		e.Msg += ": " + strings.TrimSuffix(first.Detail, ".")
	}
	if first.Subject != nil {
		if first.Subject.Filename != "" {
			e.File = first.Subject.Filename
		}
		e.Line, e.Column = first.Subject.Start.Line, first.Subject.Start.Column
	}
	if n := len(errs) - 1; n > 0 {
		var more []string
		// A few positions help fix several typos in one go; a file that is
		// not HCL at all (a YAML file passed by mistake) has one per line,
		// and listing them all buries the first, which is the one to read.
		for i, d := range errs[1:] {
			if i == maxMoreDiagnostics {
				more = append(more, "…")
				break
			}
			pos := ""
			if d.Subject != nil {
				pos = fmt.Sprintf("%d:%d: ", d.Subject.Start.Line, d.Subject.Start.Column)
			}
			more = append(more, pos+d.Summary)
		}
		e.Msg += fmt.Sprintf(" (and %d more: %s)", n, strings.Join(more, "; "))
	}
	return e
}
