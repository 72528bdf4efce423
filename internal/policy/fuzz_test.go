package policy

import "testing"

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`budget "a" { limit = 5000 }`,
		"budget \"d\" {\n  limit = 5000\n  scope = { tags = { team = \"data\" }, types = [\"aws_instance\"] }\n  bound = \"max\"\n  enforcement = \"hard\"\n}\n",
		"guardrail \"g\" {\n  max_increase = 500\n  max_increase_percent = 20\n  enforcement = \"soft\"\n}\n",
		"rule \"r\" {\n  condition = alltrue([for r in estimate.resources : r.monthly < 100])\n  message = \"m ${estimate.monthly}\"\n}\n",
		`budget "x" { limit = "1e400" }`,
		`budget "x" { limit = 1e999999 }`,
	} {
		f.Add([]byte(s))
	}
	in := fixture()
	f.Fuzz(func(t *testing.T, src []byte) {
		s, err := Parse("fuzz.hcl", src)
		if err != nil {
			return
		}
		_ = s.Evaluate(in)
	})
}
