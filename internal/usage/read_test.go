package usage

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/failure"
)

func TestParseValid(t *testing.T) {
	src := `version: 0.1
resource_type_default_usage:
  aws_lambda_function:
    monthly_requests: 1000000
    request_duration_ms: 250.5
resource_usage:
  aws_s3_bucket.b:
    standard:
      storage_gb: 0.1
      monthly_tier_1_requests: 1_000
  module.app.aws_instance.web[*]:
    operating_system: windows
    monthly_hrs: 200
  aws_instance.web[0]:
    monthly_hrs: 100
  aws_nat_gateway.n:
    monthly_data_processed_gb: 1e3
    enabled: true
    empty:
`
	f, err := Parse("u.yml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if f.Version != "0.1" {
		t.Errorf("version %q", f.Version)
	}
	tests := []struct {
		addr, typ, key, want string
	}{
		{"aws_lambda_function.fn", "aws_lambda_function", "monthly_requests", "1000000"},
		{"aws_lambda_function.fn", "aws_lambda_function", "request_duration_ms", "250.5"},
		// 0.1 stays exactly 0.1 (a float64 would not).
		{"aws_s3_bucket.b", "aws_s3_bucket", "standard.storage_gb", "0.1"},
		{"aws_s3_bucket.b", "aws_s3_bucket", "standard.monthly_tier_1_requests", "1000"},
		{"aws_nat_gateway.n", "aws_nat_gateway", "monthly_data_processed_gb", "1000"},
		// exact address beats wildcard.
		{"aws_instance.web[0]", "aws_instance", "monthly_hrs", "100"},
		{"module.app.aws_instance.web[3]", "aws_instance", "monthly_hrs", "200"},
	}
	for _, tt := range tests {
		v := f.For(tt.addr, tt.typ)
		got, ok := v.Number(tt.key)
		if !ok || !got.Equal(decimal.RequireFromString(tt.want)) {
			t.Errorf("%s %s = %v,%v; want %s", tt.addr, tt.key, got, ok, tt.want)
		}
	}
	if s, _ := f.For("module.app.aws_instance.web[1]", "aws_instance").String("operating_system"); s != "windows" {
		t.Errorf("wildcard string = %q", s)
	}
	if b, ok := f.For("aws_nat_gateway.n", "aws_nat_gateway").Bool("enabled"); !ok || !b {
		t.Errorf("bool not read")
	}
	if _, ok := f.For("aws_nat_gateway.n", "aws_nat_gateway").Get("empty"); ok {
		t.Errorf("null value should be absent")
	}
}

func TestParseInfracostExample(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "example_usage.yml"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse("example_usage.yml", data)
	if err != nil {
		t.Fatal(err)
	}
	u := f.For("aws_instance.zero_cost_instance", "aws_instance")
	if s, _ := u.String("reserved_instance_payment_option"); s != "all_upfront" {
		t.Errorf("payment option %q", s)
	}
	if n, ok := f.For("aws_lambda_function.hello_world", "aws_lambda_function").Number("monthly_requests"); !ok || n.String() != "100000000" {
		t.Errorf("monthly_requests %v", n)
	}
	if n, ok := f.For("aws_s3_bucket.usage", "aws_s3_bucket").Number("standard.storage_gb"); !ok || !n.IsZero() {
		t.Errorf("storage_gb %v %v", n, ok)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src    string
		line, col    int
		msg, expects string
	}{
		{"empty", "", 1, 1, "empty", "version: 0.1"},
		{"not yaml", "version: 0.1\nresource_usage:\n  a: [1, 2\n", 0, 0, "not valid YAML", "format 0.1"},
		{"tab indent", "version: 0.1\nresource_usage:\n\taws_instance.a:\n", 3, 0, "not valid YAML", ""},
		{"list root", "- a\n- b\n", 1, 1, "not a YAML mapping", "version"},
		{"no version", "resource_usage: {}\n", 1, 1, "no version", "version: 0.1"},
		{"wrong version", "version: 0.2\n", 1, 10, "unsupported usage file version \"0.2\"", "version 0.1"},
		{"usage not map", "version: 0.1\nresource_usage: 3\n", 2, 17, "resource_usage is not a mapping", "addresses"},
		{"resource not map", "version: 0.1\nresource_usage:\n  aws_instance.a: 5\n", 3, 19, "usage for aws_instance.a is not a mapping", "usage keys"},
		{"list value", "version: 0.1\nresource_usage:\n  aws_instance.a:\n    monthly_hrs: [1]\n", 4, 18, "list value", "a number"},
		{"negative", "version: 0.1\nresource_usage:\n  aws_nat_gateway.a:\n    monthly_data_processed_gb: -5\n", 4, 32, "negative", "zero or more"},
		{"too large", "version: 0.1\nresource_usage:\n  aws_instance.a:\n    monthly_hrs: 1e20\n", 4, 18, "too large", "below 10^15"},
		{"beyond float range", "version: 0.1\nresource_usage:\n  aws_instance.a:\n    monthly_hrs: 1e999999999\n", 4, 18, "too large", "below 10^15"},
		{"infinite", "version: 0.1\nresource_usage:\n  aws_nat_gateway.a:\n    monthly_data_processed_gb: .inf\n", 4, 32, "finite", "finite number"},
		{"duplicate address", "version: 0.1\nresource_usage:\n  aws_instance.a:\n    monthly_hrs: 1\n  aws_instance.a:\n    monthly_hrs: 2\n", 5, 3, "duplicate key aws_instance.a (first at line 3)", "each key once"},
		{"duplicate usage key", "version: 0.1\nresource_usage:\n  aws_instance.a:\n    monthly_hrs: 1\n    monthly_hrs: 2\n", 5, 5, "duplicate key monthly_hrs", "each key once"},
		{"dotted key", "version: 0.1\nresource_usage:\n  aws_s3_bucket.a:\n    standard.storage_gb: 1\n", 4, 5, "contains a dot", "nest maps"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("u.yml", []byte(tt.src))
			var fe *failure.Error
			if !errors.As(err, &fe) {
				t.Fatalf("want *failure.Error, got %T %v", err, err)
			}
			if fe.Kind != failure.Input || fe.File != "u.yml" {
				t.Errorf("kind/file: %+v", fe)
			}
			if tt.line != 0 && fe.Line != tt.line {
				t.Errorf("line = %d, want %d (%v)", fe.Line, tt.line, fe)
			}
			if tt.col != 0 && fe.Column != tt.col {
				t.Errorf("column = %d, want %d (%v)", fe.Column, tt.col, fe)
			}
			if !strings.Contains(fe.Msg, tt.msg) || !strings.Contains(fe.Expected, tt.expects) {
				t.Errorf("message %q / expected %q", fe.Msg, fe.Expected)
			}
			if failure.ExitCode(err) != failure.ExitError {
				t.Errorf("exit code %d", failure.ExitCode(err))
			}
		})
	}
}

func TestLoadMissing(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.yml"))
	var fe *failure.Error
	if !errors.As(err, &fe) || !strings.Contains(fe.Error(), "nope.yml: cannot read usage file") {
		t.Fatalf("got %v", err)
	}
}

func TestVersionForms(t *testing.T) {
	for _, v := range []string{"0.1", "\"0.1\"", "v0.1"} {
		if _, err := Parse("u.yml", []byte("version: "+v+"\n")); err != nil {
			t.Errorf("version %s: %v", v, err)
		}
	}
}

func TestCheckKeys(t *testing.T) {
	src := `version: 0.1
resource_type_default_usage:
  aws_lambda_function:
    monthly_requests: 1
    monthly_request: 2
resource_usage:
  module.m["a.b"].aws_s3_bucket.b[0]:
    standard:
      storage_gb: 1
      storage: 2
    bogus:
      x: 1
  aws_instance.i:
    monthly_hrs: 100
  aws_unpriced_thing.x:
    anything: 1
`
	f, err := Parse("u.yml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	f.CheckKeys(map[string][]string{
		"aws_lambda_function": {"monthly_requests", "request_duration_ms"},
		"aws_s3_bucket":       {"standard.storage_gb", "standard.monthly_tier_1_requests"},
		"aws_instance":        {"operating_system", "monthly_hrs"},
	})
	want := []string{
		"u.yml:5: unknown usage key monthly_request for aws_lambda_function (known: monthly_requests, request_duration_ms)",
		"u.yml:11: unknown usage key bogus for aws_s3_bucket (known: standard.monthly_tier_1_requests, standard.storage_gb)",
		"u.yml:10: unknown usage key standard.storage for aws_s3_bucket (known: standard.monthly_tier_1_requests, standard.storage_gb)",
	}
	if strings.Join(f.Warnings, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(f.Warnings, "\n"), strings.Join(want, "\n"))
	}
}

func TestTypeOf(t *testing.T) {
	for addr, want := range map[string]string{
		"aws_instance.web":                          "aws_instance",
		"aws_instance.web[0]":                       "aws_instance",
		"aws_instance.web[*]":                       "aws_instance",
		`aws_instance.web["a.b"]`:                   "aws_instance",
		`module.x["k.y"].module.z.aws_eip.e["a"]`:   "aws_eip",
		"data.aws_ami.x":                            "aws_ami",
		"aws_instance":                              "",
		"module.x.aws_instance.a.extra":             "",
		`module.x["unterminated.aws_instance.web`:   "",
		"module.only":                               "",
		"module.a[0].aws_lb.alb":                    "aws_lb",
		"aws_s3_bucket.usage":                       "aws_s3_bucket",
		"module.a[0].module.b[\"c\"].aws_lb.alb[1]": "aws_lb",
	} {
		if got := TypeOf(addr); got != want {
			t.Errorf("TypeOf(%q) = %q, want %q", addr, got, want)
		}
	}
}

func TestFromMap(t *testing.T) {
	var m map[string]any
	if err := json.Unmarshal([]byte(`{"resource_usage":{"aws_nat_gateway.n":{"monthly_data_processed_gb":0.1,"nested":{"a":3}}},
		"resource_type_default_usage":{"aws_lambda_function":{"monthly_requests":1000000}}}`), &m); err != nil {
		t.Fatal(err)
	}
	f, err := FromMap(m)
	if err != nil {
		t.Fatal(err)
	}
	u := f.For("aws_nat_gateway.n", "aws_nat_gateway")
	if n, _ := u.Number("monthly_data_processed_gb"); n.String() != "0.1" {
		t.Errorf("0.1 became %s", n)
	}
	if n, _ := u.Number("nested.a"); n.String() != "3" {
		t.Errorf("nested %s", n)
	}
	if n, _ := f.For("aws_lambda_function.x", "aws_lambda_function").Number("monthly_requests"); n.String() != "1000000" {
		t.Errorf("default %s", n)
	}
	for name, bad := range map[string]map[string]any{
		"version":  {"version": "2"},
		"section":  {"resource_usage": 3},
		"resource": {"resource_usage": map[string]any{"a.b": []any{1}}},
		"value":    {"resource_usage": map[string]any{"a.b": map[string]any{"k": []any{1}}}},
		"negative": {"resource_usage": map[string]any{"a.b": map[string]any{"k": -1.0}}},
	} {
		_, err := FromMap(bad)
		var fe *failure.Error
		if !errors.As(err, &fe) || fe.Kind != failure.Input {
			t.Errorf("%s: want input failure, got %v", name, err)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("version: 0.1\nresource_usage:\n  aws_s3_bucket.b:\n    standard:\n      storage_gb: 1\n"))
	f.Add([]byte("version: 0.1\nresource_type_default_usage:\n  aws_lambda_function: &a\n    monthly_requests: 1\n"))
	f.Add([]byte("a: &a [*a, *a]\n"))
	f.Add([]byte("version: 0.1\nresource_usage:\n  x: &l0 {a: 1}\n  y: &l1 {<<: [*l0, *l0]}\n  z: {<<: [*l1, *l1]}\n"))
	f.Add([]byte("version: 0.1\nresource_usage:\n  x: {a: 1e400, b: 0x10, c: 1_0}\n"))
	if data, err := os.ReadFile(filepath.Join("testdata", "example_usage.yml")); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse("fuzz.yml", data)
		if err != nil {
			var fe *failure.Error
			if !errors.As(err, &fe) {
				t.Fatalf("non-failure error %T: %v", err, err)
			}
			return
		}
		file.CheckKeys(map[string][]string{"aws_s3_bucket": {"standard.storage_gb"}})
		for addr := range file.Resources {
			_ = file.For(addr, TypeOf(addr))
		}
	})
}

func TestForWildcards(t *testing.T) {
	f, err := Parse("u.yml", []byte(`version: 0.1
resource_type_default_usage:
  aws_instance:
    monthly_hrs: 1
    operating_system: linux
resource_usage:
  module.app[*].aws_instance.web[*]:
    monthly_hrs: 2
  module.app["eu"].aws_instance.web[*]:
    monthly_hrs: 3
  module.app["eu"].aws_instance.web:
    hours_per_day: 8
  module.app["eu"].aws_instance.web[1]:
    monthly_hrs: 4
  aws_instance.x["a]b"]:
    monthly_hrs: 5
`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ addr, hrs string }{
		{"aws_instance.other", "1"},                    // defaults only
		{`module.app["us"].aws_instance.web[0]`, "2"},  // two wildcards
		{`module.app["eu"].aws_instance.web[0]`, "3"},  // more specific wildcard wins
		{`module.app["eu"].aws_instance.web[1]`, "4"},  // exact wins
		{`aws_instance.x["a]b"]`, "5"},                 // quoted index with a bracket
		{`module.app["us"].aws_instance.webx[0]`, "1"}, // no partial-name match
		{`module.app["us"].aws_instance.web`, "1"},     // [*] needs an index
		{`module.app.aws_instance.web[0]`, "1"},        // module without index
	}
	for _, tt := range tests {
		got, _ := f.For(tt.addr, "aws_instance").Number("monthly_hrs")
		if got.String() != tt.hrs {
			t.Errorf("%s: monthly_hrs %s, want %s", tt.addr, got, tt.hrs)
		}
	}
	if h, ok := f.For(`module.app["eu"].aws_instance.web[7]`, "aws_instance").Number("hours_per_day"); !ok || h.String() != "8" {
		t.Errorf("address without index should apply to its instances: %v %v", h, ok)
	}
	if os, _ := f.For(`module.app["eu"].aws_instance.web[1]`, "aws_instance").String("operating_system"); os != "linux" {
		t.Errorf("defaults lost: %q", os)
	}
}

func TestMergeKeys(t *testing.T) {
	f, err := Parse("u.yml", []byte(`version: 0.1
resource_type_default_usage:
  aws_instance: &base
    monthly_hrs: 100
    operating_system: windows
resource_usage:
  aws_instance.a:
    <<: *base
    monthly_hrs: 200
`))
	if err != nil {
		t.Fatal(err)
	}
	u := f.Resources["aws_instance.a"]
	if h, _ := u.Number("monthly_hrs"); h.String() != "200" {
		t.Errorf("explicit key must win over merge: %s", h)
	}
	if os, _ := u.String("operating_system"); os != "windows" {
		t.Errorf("merged key missing: %q", os)
	}
	f.CheckKeys(map[string][]string{"aws_instance": {"monthly_hrs", "operating_system"}})
	if len(f.Warnings) != 0 {
		t.Errorf("merge key must not warn: %v", f.Warnings)
	}
}

func TestAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("version: 0.1\nresource_type_default_usage:\n  l0: &l0 {a: 1}\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "  l%d: &l%d {<<: [*l%d, *l%d]}\n", i, i, i-1, i-1)
	}
	_, err := Parse("bomb.yml", []byte(b.String()))
	var fe *failure.Error
	if !errors.As(err, &fe) || !strings.Contains(fe.Msg, "too large") {
		t.Fatalf("want a size failure, got %v", err)
	}
}

func TestFromMapNumberTypes(t *testing.T) {
	bf, _ := new(big.Float).SetPrec(200).SetString("12345678901234.5")
	f, err := FromMap(map[string]any{"resource_usage": map[string]any{"aws_lb.a": map[string]any{
		"new_connections": json.Number("12345678901234567"), "processed_bytes_gb": bf, "active_connections": int64(3),
	}}})
	if err != nil {
		t.Fatal(err)
	}
	u := f.For("aws_lb.a", "aws_lb")
	for k, want := range map[string]string{"new_connections": "12345678901234567", "processed_bytes_gb": "12345678901234.5", "active_connections": "3"} {
		if got, _ := u.Number(k); got.String() != want {
			t.Errorf("%s = %s, want %s", k, got, want)
		}
	}
}

// TestForConcurrent calls For from several goroutines on a fresh file, as
// the estimator does: the wildcard list is built once, under go test -race.
func TestForConcurrent(t *testing.T) {
	f, err := Parse("u.yml", []byte("version: 0.1\nresource_usage:\n  aws_instance.web[*]:\n    monthly_hrs: 2\n"))
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 8)
	for g := 0; g < 8; g++ {
		go func() {
			got, _ := f.For(fmt.Sprintf("aws_instance.web[%d]", g), "aws_instance").Number("monthly_hrs")
			if got.String() != "2" {
				errs <- fmt.Errorf("goroutine %d: monthly_hrs %s, want 2", g, got)
				return
			}
			errs <- nil
		}()
	}
	for g := 0; g < 8; g++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
