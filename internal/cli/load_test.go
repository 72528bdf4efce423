package cli

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
)

func TestMemoryLimitFor(t *testing.T) {
	for _, c := range []struct{ plan, want int64 }{
		{0, 0},
		{34 << 20, 0},              // a 10k-resource plan: default GC pacing
		{64<<20 - 1, 0},            // just under the threshold
		{64 << 20, 120_795_955},    // 1.8 × 67,108,864 = 120,795,955.2, truncated
		{340_200_000, 612_360_000}, // the 100k benchmark plan: 1.8 × 340.2 MB
	} {
		if got := MemoryLimitFor(c.plan); got != c.want {
			t.Errorf("MemoryLimitFor(%d) = %d, want %d", c.plan, got, c.want)
		}
	}
}

// TestLimitMemoryAddsPlans: the plans of one run add up, and GOMEMLIMIT wins.
func TestLimitMemoryAddsPlans(t *testing.T) {
	prev := debug.SetMemoryLimit(-1)
	defer func() {
		planLimit.Store(0) // stops following the live heap
		debug.SetMemoryLimit(prev)
	}()
	t.Setenv("GOMEMLIMIT", "")
	g := &globalOptions{}
	g.limitMemory(40 << 20)
	if got := debug.SetMemoryLimit(-1); got != prev {
		t.Fatalf("limit %d after 40 MiB of plan, want unchanged %d", got, prev)
	}
	g.limitMemory(40 << 20)
	if got, want := debug.SetMemoryLimit(-1), int64(150_994_944); got != want { // 1.8 × 83,886,080 (80 MiB)
		t.Fatalf("limit %d after 80 MiB of plans, want %d", got, want)
	}
	planLimit.Store(0)
	debug.SetMemoryLimit(math.MaxInt64)
	t.Setenv("GOMEMLIMIT", "1GiB")
	(&globalOptions{}).limitMemory(500 << 20)
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Fatalf("limit %d with GOMEMLIMIT set, want none", got)
	}
}

// TestMemoryLimitFollowsLiveHeap: a run that keeps more live than the plans'
// limit allows gets liveHeadroom × its live heap instead of a GC that runs
// back to back.
func TestMemoryLimitFollowsLiveHeap(t *testing.T) {
	prev := debug.SetMemoryLimit(-1)
	defer func() {
		planLimit.Store(0)
		debug.SetMemoryLimit(prev)
	}()
	live := make([]*[1 << 20]byte, 64) // 64 MiB kept live
	for i := range live {
		live[i] = new([1 << 20]byte)
	}
	setPlanMemoryLimit(1 << 20)
	runtime.GC() // the watcher adjusts after a collection
	runtime.GC()
	adjustMemoryLimit()
	if got, want := debug.SetMemoryLimit(-1), int64(liveHeadroom*64*(1<<20)); got < want {
		t.Errorf("limit %d with 64 MiB live, want at least %d", got, want)
	}
	runtime.KeepAlive(live)
}
