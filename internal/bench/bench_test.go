package bench

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/tfcost/tfcost/internal/catalog"
	"github.com/tfcost/tfcost/internal/cli"
	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/estimate/aws"
	"github.com/tfcost/tfcost/internal/plan"
	"github.com/tfcost/tfcost/internal/report"
)

// sizes are the benchmarked plan sizes (managed resources).
var sizes = []struct {
	name string
	n    int
}{{"1k", 1000}, {"10k", 10000}, {"100k", 100000}}

var (
	planDir   string
	plansMu   sync.Mutex
	plansMade = map[int]planFile{}
)

type planFile struct {
	path string
	size int64
}

func TestMain(m *testing.M) {
	if path := os.Getenv(childEnv); path != "" {
		os.Exit(rssChild(path, os.Getenv(childModeEnv)))
	}
	dir, err := os.MkdirTemp("", "tfcost-bench-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	planDir = dir
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// planOf generates (once per process) the plan of n resources.
func planOf(tb testing.TB, n int) planFile {
	tb.Helper()
	plansMu.Lock()
	defer plansMu.Unlock()
	if pf, ok := plansMade[n]; ok {
		return pf
	}
	path, size, err := GeneratePlan(planDir, n)
	if err != nil {
		tb.Fatal(err)
	}
	pf := planFile{path, size}
	plansMade[n] = pf
	return pf
}

// breakdown is the end-to-end `tfcost breakdown --format json` path.
func breakdown(path string, w io.Writer) error {
	p, err := plan.ReadFile(path, plan.Options{})
	if err != nil {
		return err
	}
	est := estimate.New(estimate.Options{Catalog: catalog.Embedded(), Registry: aws.NewRegistry()}).Estimate(p)
	return report.JSON(w, []report.Project{{Name: path, Path: path, Estimate: est}}, report.Options{})
}

func BenchmarkBreakdown(b *testing.B) {
	catalog.Embedded() // loaded once per process, as in the CLI; not part of a plan's cost
	benchPlans(b, func(b *testing.B, pf planFile) func() error {
		return func() error { return breakdown(pf.path, io.Discard) }
	})
}

// benchPlans runs one sub-benchmark per plan size: setup prepares what the
// step needs (untimed) and returns the operation to time; throughput is
// plan bytes per second.
func benchPlans(b *testing.B, setup func(b *testing.B, pf planFile) func() error) {
	for _, s := range sizes {
		b.Run(s.name, func(b *testing.B) {
			pf := planOf(b, s.n)
			op := setup(b, pf)
			b.SetBytes(pf.size)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if err := op(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// readPlan reads a generated plan outside the timed loop.
func readPlan(b *testing.B, pf planFile) *plan.Plan {
	p, err := plan.ReadFile(pf.path, plan.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// cliBreakdown runs the real command, `tfcost breakdown --format json PLAN`,
// through cli.Run: on top of breakdown it prices the prior state (JSON's
// pastBreakdown), adds carbon figures and recommendations, and applies the
// CLI's memory limit for large plans (cli.MemoryLimitFor).
func cliBreakdown(path string, w io.Writer) error {
	var errb bytes.Buffer
	if code := cli.Run("bench", []string{"breakdown", "--format", "json", path}, cli.IO{In: strings.NewReader(""), Out: w, Err: &errb}); code != 0 {
		return fmt.Errorf("tfcost breakdown exited %d: %s", code, errb.String())
	}
	return nil
}

// BenchmarkCLIBreakdown is `tfcost breakdown --format json` end to end,
// without the CLI's memory limit like the other benchmarks (it would stay
// set for the rest of the process); TestPeakRSS's "cli" mode applies it.
func BenchmarkCLIBreakdown(b *testing.B) {
	b.Setenv("GOMEMLIMIT", "1TiB") // the CLI then leaves the limit alone
	catalog.Embedded()
	benchPlans(b, func(b *testing.B, pf planFile) func() error {
		return func() error { return cliBreakdown(pf.path, io.Discard) }
	})
}

// BenchmarkReadPlan is the plan reader alone (plan.ReadFile).
func BenchmarkReadPlan(b *testing.B) {
	benchPlans(b, func(b *testing.B, pf planFile) func() error {
		return func() error {
			_, err := plan.ReadFile(pf.path, plan.Options{})
			return err
		}
	})
}

// BenchmarkEstimate is the pricing step alone, on a plan read beforehand.
func BenchmarkEstimate(b *testing.B) {
	cat, reg := catalog.Embedded(), aws.NewRegistry()
	benchPlans(b, func(b *testing.B, pf planFile) func() error {
		p := readPlan(b, pf)
		return func() error {
			estimate.New(estimate.Options{Catalog: cat, Registry: reg}).Estimate(p)
			return nil
		}
	})
}

// BenchmarkRenderJSON is the JSON report alone, for an estimate made beforehand.
func BenchmarkRenderJSON(b *testing.B) {
	benchPlans(b, func(b *testing.B, pf planFile) func() error {
		est := estimate.New(estimate.Options{Catalog: catalog.Embedded(), Registry: aws.NewRegistry()}).Estimate(readPlan(b, pf))
		projects := []report.Project{{Name: pf.path, Path: pf.path, Estimate: est}}
		return func() error { return report.JSON(io.Discard, projects, report.Options{}) }
	})
}

// BenchmarkDecodeTerraformJSON is the baseline: reading the same file and
// decoding it with encoding/json into terraform-json's Plan.
func BenchmarkDecodeTerraformJSON(b *testing.B) {
	benchPlans(b, func(b *testing.B, pf planFile) func() error {
		return func() error { return decodeTFJSON(pf.path) }
	})
}

func decodeTFJSON(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var p tfjson.Plan
	return json.Unmarshal(data, &p)
}

// TestGeneratedPlan checks the generator's output on a small plan: valid
// JSON that terraform-json accepts, the advertised size and mix, and the
// shape tfcost relies on (module instances, references, regions).
func TestGeneratedPlan(t *testing.T) {
	pf := planOf(t, 1000)
	data, err := os.ReadFile(pf.path)
	if err != nil {
		t.Fatal(err)
	}
	var tp tfjson.Plan
	if err := json.Unmarshal(data, &tp); err != nil {
		t.Fatalf("terraform-json: %v", err)
	}
	if len(tp.ResourceChanges) != 1000 {
		t.Errorf("%d resource changes", len(tp.ResourceChanges))
	}
	p, err := plan.ReadFile(pf.path, plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Resources) != 1000 {
		t.Fatalf("%d resources", len(p.Resources))
	}
	types := map[string]int{}
	actions := map[plan.Action]int{}
	for _, r := range p.Resources {
		types[r.Type]++
		actions[r.Action]++
		if r.Region != "us-east-1" || r.RegionSource != plan.RegionFromVariable {
			t.Fatalf("%s: region %s (%s)", r.Address, r.Region, r.RegionSource)
		}
		if r.Type == "aws_ecs_service" {
			td := p.Referenced(r, "task_definition", "aws_ecs_task_definition")
			if len(td) != 1 || td[0].ModuleAddress != r.ModuleAddress {
				t.Fatalf("%s: task definition %v", r.Address, td)
			}
		}
	}
	// 50 units × (3 instances, 2 volumes, 1 each of 7 types, 2 lambdas, 3 roles, 3 groups).
	want := map[string]int{"aws_instance": 150, "aws_ebs_volume": 100, "aws_s3_bucket": 50, "aws_lb": 50,
		"aws_nat_gateway": 50, "aws_eip": 50, "aws_db_instance": 50, "aws_ecs_task_definition": 50,
		"aws_ecs_service": 50, "aws_lambda_function": 100, "aws_iam_role": 150, "aws_security_group": 150}
	for k, v := range want {
		if types[k] != v {
			t.Errorf("%s: %d, want %d", k, types[k], v)
		}
	}
	// actionOf: 35 create, 10 no-op, 3 update, 2 replace in every 50.
	if actions[plan.ActionCreate] != 700 || actions[plan.ActionNoOp] != 200 || actions[plan.ActionUpdate] != 60 || actions[plan.ActionReplace] != 40 {
		t.Errorf("actions %v", actions)
	}
	if err := breakdown(pf.path, io.Discard); err != nil {
		t.Fatal(err)
	}
}

// Peak memory is measured in a child process (a fresh heap and a clean
// high-water mark), only when TFCOST_BENCH_RSS=1: it generates and reads
// plans of up to 100k resources.
const (
	childEnv     = "TFCOST_BENCH_RSS_CHILD"
	childModeEnv = "TFCOST_BENCH_RSS_MODE"
)

func TestPeakRSS(t *testing.T) {
	if os.Getenv("TFCOST_BENCH_RSS") != "1" {
		t.Skip("set TFCOST_BENCH_RSS=1 to measure peak memory")
	}
	want := map[string]bool{}
	for _, s := range strings.Split(os.Getenv("TFCOST_BENCH_RSS_SIZES"), ",") {
		if s != "" {
			want[s] = true
		}
	}
	for _, s := range sizes {
		if len(want) > 0 && !want[s.name] {
			continue
		}
		pf := planOf(t, s.n)
		for _, mode := range []string{"breakdown", "breakdown-nolimit", "cli", "cli-nolimit", "phases", "read", "tfjson"} {
			hwm, elapsed := runChild(t, pf.path, mode)
			ratio := float64(hwm) / float64(pf.size)
			t.Logf("%s %-9s file %7.1f MB  peak RSS %7.1f MB (%.2f× file)  %v  %.0f MB/s",
				s.name, mode, mb(pf.size), mb(hwm), ratio, elapsed.Round(time.Millisecond), mb(pf.size)/elapsed.Seconds())
			// Small plans are dominated by the fixed ~10 MB of runtime and
			// catalog; the target is about large plans.
			if mode == "breakdown" && ratio > 2 && s.n >= 100000 {
				t.Errorf("%s: breakdown peak RSS %.1f MB is %.2f× the file (target ≤ 2×)", s.name, mb(hwm), ratio)
			}
		}
	}
}

func mb(n int64) float64 { return float64(n) / 1e6 }

func runChild(t *testing.T, path, mode string) (int64, time.Duration) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+path, childModeEnv+"="+mode)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("child %s: %v\n%s%s", mode, err, out.String(), errb.String())
	}
	if errb.Len() > 0 {
		t.Logf("%s: %s", mode, strings.TrimSpace(errb.String()))
	}
	var hwm int64
	var ns int64
	if _, err := fmt.Sscanf(strings.TrimSpace(out.String()), "hwm=%d ns=%d", &hwm, &ns); err != nil {
		t.Fatalf("child output %q: %v", out.String(), err)
	}
	return hwm, time.Duration(ns)
}

// rssChild runs one operation and prints the process's peak resident set.
func rssChild(path, mode string) int {
	if mode == "cli-nolimit" {
		// The CLI sets its limit unless GOMEMLIMIT is set: a limit it never
		// reaches turns it off.
		_ = os.Setenv("GOMEMLIMIT", "1TiB")
	}
	if mode == "breakdown" || mode == "phases" {
		// What `tfcost breakdown` does for a large plan: a soft memory limit
		// from the plan's size (cli.MemoryLimitFor), so the GC collects
		// harder instead of letting the heap double.
		if st, err := os.Stat(path); err == nil && os.Getenv("GOMEMLIMIT") == "" {
			if limit := cli.MemoryLimitFor(st.Size()); limit > 0 {
				debug.SetMemoryLimit(limit)
			}
		}
	}
	start := time.Now()
	var err error
	switch mode {
	case "read":
		_, err = plan.ReadFile(path, plan.Options{})
	case "tfjson":
		err = decodeTFJSON(path)
	case "phases":
		// Peak after each step of a breakdown, to see who holds memory.
		catalog.Embedded()
		h0, _ := peakRSS()
		p, err := plan.ReadFile(path, plan.Options{})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		h1, _ := peakRSS()
		est := estimate.New(estimate.Options{Catalog: catalog.Embedded(), Registry: aws.NewRegistry()}).Estimate(p)
		h2, _ := peakRSS()
		if err := report.JSON(io.Discard, []report.Project{{Name: path, Path: path, Estimate: est}}, report.Options{}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		h3, _ := peakRSS()
		fmt.Fprintf(os.Stderr, "peak RSS MB: catalog %.0f, +read %.0f, +estimate %.0f, +render %.0f\n", mb(h0), mb(h1), mb(h2), mb(h3))
	case "cli", "cli-nolimit":
		catalog.Embedded()
		start = time.Now()
		err = cliBreakdown(path, io.Discard)
	default: // breakdown, breakdown-nolimit
		catalog.Embedded()
		start = time.Now()
		err = breakdown(path, io.Discard)
	}
	elapsed := time.Since(start)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	hwm, err := peakRSS()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Printf("hwm=%d ns=%d\n", hwm, elapsed.Nanoseconds())
	return 0
}

// peakRSS reads VmHWM (peak resident set) from /proc/self/status.
func peakRSS() (int64, error) {
	f, err := os.Open(filepath.Join("/proc", "self", "status"))
	if err != nil {
		return 0, err
	}
	defer func() { _ = f.Close() }() // read-only
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb * 1024, err
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/self/status")
}
