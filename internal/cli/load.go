package cli

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"

	"github.com/spf13/cobra"

	"github.com/tfcost/tfcost/internal/catalog"
	"github.com/tfcost/tfcost/internal/config"
	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/estimate/aws"
	"github.com/tfcost/tfcost/internal/failure"
	"github.com/tfcost/tfcost/internal/plan"
)

// globalOptions are the flags every command shares, and what they load
// (once per run).
type globalOptions struct {
	catalogFile string
	configFile  string
	noColor     bool
	region      string

	version string
	io      IO

	cat *catalog.Catalog
	cfg *config.Config
	reg *estimate.Registry

	memMu     sync.Mutex
	planBytes int64 // plan bytes read so far, for limitMemory
}

func (g *globalOptions) addFlags(c *cobra.Command) {
	f := c.PersistentFlags()
	f.StringVar(&g.catalogFile, "catalog", "", "price catalog `FILE` to use instead of the embedded one")
	f.StringVar(&g.configFile, "config", "", "tfcost.yml `FILE` with custom prices, a discount and projects")
	f.BoolVar(&g.noColor, "no-color", false, "never colour the output (colour is used only on a terminal)")
	f.StringVar(&g.region, "region", "", "price every resource in `REGION`, whatever its provider says")
}

// color reports whether table output may use ANSI colours.
func (g *globalOptions) color() bool {
	return g.io.Terminal && !g.noColor && os.Getenv("NO_COLOR") == ""
}

// catalog returns the --catalog file, or the embedded catalog.
func (g *globalOptions) catalog() (*catalog.Catalog, error) {
	if g.cat != nil {
		return g.cat, nil
	}
	if g.catalogFile == "" {
		g.cat = catalog.Embedded()
		return g.cat, nil
	}
	c, err := catalog.Load(g.catalogFile)
	if err != nil {
		return nil, err
	}
	g.cat = c
	return c, nil
}

// config returns the --config file; nil when none was given.
func (g *globalOptions) config() (*config.Config, error) {
	if g.cfg != nil || g.configFile == "" {
		return g.cfg, nil
	}
	c, err := config.Load(g.configFile)
	if err != nil {
		return nil, err
	}
	g.cfg = c
	return c, nil
}

func (g *globalOptions) registry() *estimate.Registry {
	if g.reg == nil {
		g.reg = aws.NewRegistry()
	}
	return g.reg
}

// planInput is one plan to price.
type planInput struct {
	// Name labels the project in reports ("" = the plan path).
	Name      string
	PlanFile  string
	UsageFile string
	// Region overrides every resource's region ("" = --region, then the plan's).
	Region       string
	StrictPrices bool
	// WithPast also prices the prior state (for JSON's pastBreakdown and diffs).
	WithPast bool
	// Configured is set for a project of tfcost.yml: errors then name it.
	Configured bool
}

// readPlan reads a plan file, or "-" from the command's standard input. The
// process's own stdin goes through plan.ReadFile, which also accepts a binary
// plan there; another reader (tests, embedding) must hold plan JSON.
func (g *globalOptions) readPlan(path string, opts plan.Options) (*plan.Plan, error) {
	if path != "-" || g.io.In == nil || g.io.In == os.Stdin {
		if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
			g.limitMemory(st.Size())
		}
		return plan.ReadFile(path, opts)
	}
	data, err := io.ReadAll(g.io.In)
	if err != nil {
		return nil, failure.Inputf(plan.StdinName, "cannot read the plan from standard input: %v", err)
	}
	g.limitMemory(int64(len(data)))
	return plan.Parse(plan.StdinName, data, opts)
}

// memoryLimitMinPlan is the plan size from which MemoryLimitFor sets a
// limit: below it the fixed memory of the runtime and the catalog dominates
// and the default GC pacing is the better trade.
const memoryLimitMinPlan = 64 << 20

// MemoryLimitFor is the soft memory limit (debug.SetMemoryLimit) the CLI
// sets when a run has read planBytes of plan: 1.8× that, or 0 (no limit)
// for small plans.
//
// Why: a breakdown keeps about 1.1× the plan's size live at its peak (the
// plan reader's copy of the values and the estimate), and with the default
// GOGC=100 the heap grows to twice the live set before the next collection,
// so a 340 MB plan peaked at 2.1–2.5× its size in RSS. Near the limit the GC
// collects earlier instead. Measured on that plan (internal/bench
// RESULTS.md): 1.8× holds the peak RSS near 1.8× for a few percent more CPU;
// 1.7× (1.72× RSS) cost 25% more CPU and 1.5× (1.52×) 40%, because the GC
// then runs every few tens of MB of allocation over a ~380 MB live heap. The
// limit is soft: when more is really live the heap exceeds it, and the
// runtime's cap on GC CPU avoids thrashing.
func MemoryLimitFor(planBytes int64) int64 {
	if planBytes < memoryLimitMinPlan {
		return 0
	}
	return planBytes * 18 / 10
}

// limitMemory counts a plan of size bytes into the run's memory limit
// (MemoryLimitFor), unless the user set GOMEMLIMIT. The plans of one run add
// up: their estimates are all kept until the report is written.
func (g *globalOptions) limitMemory(size int64) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	g.memMu.Lock()
	defer g.memMu.Unlock()
	g.planBytes += size
	if limit := MemoryLimitFor(g.planBytes); limit > 0 {
		setPlanMemoryLimit(limit)
	}
}

// liveHeadroom is how far above the live heap the limit is kept (see
// setPlanMemoryLimit): the heap grows by 75% of the live set between
// collections, against GOGC=100's whole live set. On the 100k benchmark
// (internal/bench RESULTS.md, 18:27 UTC) the real command then takes
// 6.2–6.5 s at 2.4–2.5× the plan in RSS, against 6.8–7.0 s / 2.1× with 1.5,
// 5.0–5.3 s / 2.8× with 2.0 and 4.8 s / 3.0–3.3× with no limit.
const liveHeadroom = 1.75

// planLimit is the limit from the plans' size; 0 until a large plan is read.
var planLimit atomic.Int64

// setPlanMemoryLimit sets the memory limit to base, and after every garbage
// collection to max(base, liveHeadroom × the live heap). A fixed limit close
// to what a run really keeps live makes the GC run back to back: `tfcost
// breakdown --format json` also keeps the prior state's estimate,
// recommendations and carbon figures (about 1.3× the plan live on the 100k
// benchmark, more while rendering in parallel), and with a fixed 1.8× limit
// it took 2.2× the time of no limit. Following the live heap bounds that
// cost while the limit still caps the heap's growth.
func setPlanMemoryLimit(base int64) {
	if planLimit.Swap(base) == 0 {
		watchLiveHeap()
	}
	adjustMemoryLimit()
}

// adjustMemoryLimit applies max(planLimit, liveHeadroom × live heap).
func adjustMemoryLimit() {
	base := planLimit.Load()
	if base <= 0 {
		return
	}
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	limit := base
	if sample[0].Value.Kind() == metrics.KindUint64 {
		limit = max(limit, int64(float64(sample[0].Value.Uint64())*liveHeadroom))
	}
	debug.SetMemoryLimit(limit)
}

// gcSentinel is an object whose only purpose is to be collected: its
// cleanup runs after a garbage collection, adjusts the limit and arms the
// next sentinel.
type gcSentinel struct {
	_ *int
	_ [16]byte
}

func watchLiveHeap() {
	runtime.AddCleanup(&gcSentinel{}, func(struct{}) {
		if planLimit.Load() > 0 {
			adjustMemoryLimit()
			watchLiveHeap()
		}
	}, struct{}{})
}

// maxResourceWarnings caps the per-resource warnings printed for one plan: a
// plan with thousands of unknown values should not bury the output.
const maxResourceWarnings = 50

func (g *globalOptions) warnEstimate(est *estimate.Estimate) {
	g.warn(est.Warnings)
	var rw []string
	for _, r := range est.Resources {
		rw = append(rw, r.Warnings...)
	}
	if len(rw) > maxResourceWarnings {
		n := len(rw) - maxResourceWarnings
		rw = append(rw[:maxResourceWarnings], fmt.Sprintf("… and %d more warnings (see the JSON output's warnings)", n))
	}
	g.warn(rw)
}

func (g *globalOptions) warn(msgs []string) {
	for _, m := range msgs {
		fmt.Fprintf(g.io.Err, "Warning: %s\n", m) //nolint:errcheck // diagnostics on stderr: nowhere to report a failure
	}
}
