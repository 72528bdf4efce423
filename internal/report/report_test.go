package report

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestGoldenEstimateTotals(t *testing.T) {
	est := goldenEstimate()
	// 135.22 (web) + 416.6675 (lambda) + 37.35 (nat) + 2.30 (db) = 591.5375
	if want := d("591.5375"); !est.MonthlyCost.Equal(want) {
		t.Fatalf("monthly = %s, want %s", est.MonthlyCost, want)
	}
	// compute 70.08; storage 0.64 + 12.50 + 52.00 = 65.14; network 37.35;
	// database 2.30; managed services 416.6675.
	want := map[string]string{"compute": "70.08", "storage": "65.14", "network": "37.35", "database": "2.3",
		"managed services": "416.6675"}
	for _, c := range est.Categories {
		if !c.Monthly.Equal(d(want[string(c.Category)])) {
			t.Errorf("%s = %s, want %s", c.Category, c.Monthly, want[string(c.Category)])
		}
	}
}

func TestMoneyAndQuantity(t *testing.T) {
	cases := []struct{ in, money, qty string }{
		{"0", "$0.00", "0"},
		{"1234567.891", "$1,234,567.89", "1,234,567.891"},
		{"0.005", "$0.01", "0.005"},
		{"-3", "-$3.00", "-3"},
		{"-0.001", "$0.00", "-0.001"},
		{"0.00001", "$0.00", "0.00001"},
		{"25000000", "$25,000,000.00", "25,000,000"},
	}
	for _, c := range cases {
		v := decimal.RequireFromString(c.in)
		if got := Money(v); got != c.money {
			t.Errorf("Money(%s) = %q, want %q", c.in, got, c.money)
		}
		if got := quantity(v); got != c.qty {
			t.Errorf("quantity(%s) = %q, want %q", c.in, got, c.qty)
		}
	}
}

func TestParseFields(t *testing.T) {
	got, err := ParseFields([]string{"monthlyCost", "price", "quantity"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{FieldPrice, FieldMonthlyQuantity, FieldMonthlyCost}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
	if _, err := ParseFields([]string{"bogus"}); err == nil {
		t.Fatal("unknown field accepted")
	}
	all, _ := ParseFields([]string{"all"})
	if len(all) != len(TableFields) {
		t.Fatalf("all = %v", all)
	}
}

func TestFormatsRegistered(t *testing.T) {
	for _, f := range []string{"table", "json", "markdown", "csv"} {
		if _, ok := Lookup(f); !ok {
			t.Errorf("format %s not registered", f)
		}
	}
}
