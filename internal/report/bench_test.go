package report

import (
	"fmt"
	"io"
	"testing"

	"github.com/tfcost/tfcost/internal/estimate"
)

// benchEstimate is the golden estimate's priced resources repeated n times.
func benchEstimate(n int) []Project {
	base := goldenEstimate()
	est := &estimate.Estimate{Name: "bench", DefaultRegion: "us-east-1", CatalogDate: base.CatalogDate}
	for i := 0; i < n; i++ {
		r := *base.Resources[i%len(base.Resources)]
		r.Address = fmt.Sprintf("%s[%d]", r.Address, i)
		est.Resources = append(est.Resources, &r)
	}
	estimate.Total(est)
	return []Project{{Name: "bench", Estimate: est}}
}

func benchmarkFormat(b *testing.B, r Renderer) {
	ps := benchEstimate(10000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := r(io.Discard, ps, Options{Time: goldenTime}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTable10k(b *testing.B)    { benchmarkFormat(b, Table) }
func BenchmarkJSON10k(b *testing.B)     { benchmarkFormat(b, JSON) }
func BenchmarkCSV10k(b *testing.B)      { benchmarkFormat(b, CSV) }
func BenchmarkMarkdown10k(b *testing.B) { benchmarkFormat(b, Markdown) }
