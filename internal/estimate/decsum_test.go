package estimate

import (
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// TestDecSumMatchesAdd: decSum gives the value and exponent a chain of
// decimal.Decimal.Add from zero gives, for small and huge coefficients,
// positive and negative exponents and signs, and a sum that returns to 0.
func TestDecSumMatchesAdd(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	cases := [][]decimal.Decimal{
		{decimal.RequireFromString("70.08"), decimal.RequireFromString("0.64"), decimal.New(7, 2)},
		{decimal.New(5, 3), decimal.New(-5, 3)},
		{decimal.RequireFromString("123456789012345678901234.5"), decimal.RequireFromString("0.0000000000000000001")},
		{decimal.NewFromInt(64).Div(decimal.NewFromInt(730)), decimal.RequireFromString("-3")},
		{decimal.Decimal{}, decimal.New(1, 45)},
	}
	for i := 0; i < 200; i++ {
		var c []decimal.Decimal
		for j := rng.IntN(6); j >= 0; j-- {
			coef := rng.Int64N(1<<62) - 1<<61
			if rng.IntN(4) == 0 {
				coef %= 1000
			}
			c = append(c, decimal.New(coef, int32(rng.IntN(50)-30)))
		}
		cases = append(cases, c)
	}
	for _, ds := range cases {
		want := decimal.Zero
		var s decSum
		for _, d := range ds {
			want = want.Add(d)
			s.add(d)
		}
		var got decimal.Decimal
		s.into(&got)
		if got.Cmp(want) != 0 || got.Exponent() != want.Exponent() || got.String() != want.String() {
			t.Fatalf("%v: decSum %s (exp %d), Add %s (exp %d)", ds, got, got.Exponent(), want, want.Exponent())
		}
	}
	var empty decSum
	d := decimal.New(3, -1)
	empty.into(&d)
	if !d.Equal(decimal.New(3, -1)) {
		t.Fatalf("an empty sum changed its target to %s", d)
	}
}
