package carbon

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/catalog"
	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/usage"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// within1pct fails unless got is within 1% of want.
func within1pct(t *testing.T, what string, got, want decimal.Decimal) {
	t.Helper()
	diff := got.Sub(want).Abs()
	if diff.GreaterThan(want.Abs().Mul(d("0.01"))) {
		t.Errorf("%s = %s kgCO2e, want %s (±1%%)", what, got.StringFixed(6), want.StringFixed(6))
	}
}

// TestM5LargeUSEast1 checks one m5.large running a 730-hour month in
// us-east-1 against a hand computation from shared/carbon:
//
//	microarchitecture_watts.csv: Skylake min 0.65, max 4.26 W/vCPU; avg_cpu_utilization 50 %
//	  avg watts = 0.65 + 0.5 × (4.26 − 0.65) = 2.455 W per vCPU
//	aws_instance_microarchitecture.csv: m5.large 2 vCPU, 8 GiB; m5 largest = 96 vCPU / 384 GiB
//	  compute kWh = 2.455 × (2 × 730) / 1000 = 3.5843
//	memory: chips = ceil(96 / 96) = 1; Skylake gb_per_physical_chip 81.32
//	  excess = 384 / 1 − 81.32 = 302.68 GB; share = 384 / 8 = 48
//	  GB-hours = 302.68 / 48 × 730 = 4603.258333; kWh = × 0.000392 = 1.804477
//	energy = 3.5843 + 1.804477 = 5.388777 kWh; × PUE 1.135 = 6.116262 kWh
//	aws_grid_emission_factors.csv (ccf_app): us-east-1 0.000379069 t/kWh = 0.379069 kg/kWh
//	  operational = 6.116262 × 0.379069 = 2.318485 kg
//	embodied (documented SCI formula): m5 family 1610.3792 kg × 730 / 35040 × 2 / 96 = 0.698949 kg
//	total = 3.017434 kgCO2e
func TestM5LargeUSEast1(t *testing.T) {
	m := New()
	b, ok := m.Footprint(estimate.Footprint{InstanceType: "m5.large", InstanceHours: d("730")}, "us-east-1")
	if !ok {
		t.Fatal("no footprint for m5.large")
	}
	within1pct(t, "operational", b.OperationalKg, d("2.318485"))
	within1pct(t, "embodied", b.EmbodiedKg, d("0.698949"))
	within1pct(t, "total", b.TotalKg(), d("3.017434"))
	if b.Approximate {
		t.Errorf("m5.large should use exact figures: %v", b.Notes)
	}
}

// TestS3Standard1000GB checks 1,000 GB in S3 Standard for a month in us-east-1:
//
//	aws_storage_media.csv: TimedStorage-ByteHrs (S3 Standard) is HDD; hdd_coefficient 0.65 Wh/TB-h
//	TB-hours = 1000 GB / 1000 × 730 h = 730; energy = 730 × 0.65 / 1000 = 0.4745 kWh
//	replication_factor_s3 = 6 → 2.847 kWh; × PUE 1.135 = 3.231345 kWh
//	× 0.379069 kg/kWh (us-east-1, ccf_app) = 1.224903 kgCO2e; no embodied share for storage
func TestS3Standard1000GB(t *testing.T) {
	b, ok := New().Footprint(estimate.Footprint{StorageGBMonths: d("1000"), Media: estimate.MediaHDD,
		Replication: estimate.ReplicationS3}, "us-east-1")
	if !ok {
		t.Fatal("no footprint")
	}
	within1pct(t, "S3", b.TotalKg(), d("1.224903"))
	if !b.EmbodiedKg.IsZero() {
		t.Errorf("storage has no embodied share, got %s", b.EmbodiedKg)
	}
}

// TestAnnotate sums per resource and in total and lists priced types with no figures.
func TestAnnotate(t *testing.T) {
	est := &estimate.Estimate{Resources: []*estimate.Resource{
		{Address: "aws_instance.web", Type: "aws_instance", Region: "us-east-1", Status: estimate.StatusPriced,
			MonthlyCost: d("70.08"), Components: []estimate.Component{
				{Name: "Instance usage", Footprint: &estimate.Footprint{InstanceType: "m5.large", InstanceHours: d("730")}},
				{Name: "Storage", Footprint: &estimate.Footprint{StorageGBMonths: d("1000"), Media: estimate.MediaHDD, Replication: estimate.ReplicationS3}},
			}},
		{Address: "aws_nat_gateway.nat", Type: "aws_nat_gateway", Region: "us-east-1", Status: estimate.StatusPriced,
			MonthlyCost: d("32.85"), Components: []estimate.Component{{Name: "NAT gateway"}}},
	}}
	Annotate(est)
	web := est.Resources[0]
	if web.CarbonKg == nil {
		t.Fatal("aws_instance.web has no CarbonKg")
	}
	// 3.017434 (m5.large) + 1.224903 (S3 1,000 GB) from the two tests above.
	within1pct(t, "resource", *web.CarbonKg, d("4.242337"))
	within1pct(t, "total", est.Carbon.MonthlyKg, d("4.242337"))
	if f := web.Components[0].Footprint; f.KgCO2e == nil || !f.KgCO2e.Equal(d("3.0174")) {
		t.Errorf("instance line kg = %v, want 3.0174", f.KgCO2e)
	}
	if kg, ok := New().Resource(web); !ok || !kg.Round(4).Equal(*web.CarbonKg) {
		t.Errorf("Model.Resource = %s, %v; Annotate gave %s", kg, ok, web.CarbonKg)
	}
	if est.Resources[1].CarbonKg != nil {
		t.Error("NAT gateway has no footprint and must stay nil")
	}
	if len(est.Carbon.Missing) != 1 || est.Carbon.Missing[0] != "aws_nat_gateway" {
		t.Errorf("missing = %v", est.Carbon.Missing)
	}
	if est.Carbon.Method == "" || est.Carbon.CoefficientSet == "" {
		t.Error("summary must name the method and coefficient set")
	}
}

func TestFallbacks(t *testing.T) {
	m := New()
	// Burstable: t3.micro 2 vCPU at 10 % baseline counts as 0.4 vCPU, no memory.
	// Cascade Lake 0.64/3.97 → 2.305 W; 0.4 × 730 × 2.305 / 1000 = 0.67306 kWh.
	b, _ := m.Footprint(estimate.Footprint{InstanceType: "t3.micro", InstanceHours: d("730")}, "us-east-1")
	within1pct(t, "t3.micro compute kWh", b.ComputeKWh, d("0.67306"))
	if !b.MemoryKWh.IsZero() {
		t.Errorf("burstable memory = %s, want 0", b.MemoryKWh)
	}
	// db. prefix maps to the EC2 figures.
	db, _ := m.Footprint(estimate.Footprint{InstanceType: "db.m5.large", InstanceHours: d("730")}, "us-east-1")
	within1pct(t, "db.m5.large", db.TotalKg(), d("3.017434"))
	// Unknown region: CCF's average factor, flagged approximate.
	u, _ := m.Footprint(estimate.Footprint{InstanceType: "m5.large", InstanceHours: d("730")}, "xx-nowhere-1")
	if !u.Approximate {
		t.Error("unknown region must be approximate")
	}
	// Unknown type without specs: nothing.
	if _, ok := m.Footprint(estimate.Footprint{InstanceType: "zz9.large", InstanceHours: d("730")}, "us-east-1"); ok {
		t.Error("unknown type must give no footprint")
	}
}

// TestGeneratedUpToDate regenerates coefficients.json from shared/carbon and
// compares; skipped when the shared folder is absent.
func TestGeneratedUpToDate(t *testing.T) {
	src := filepath.Join("..", "..", "..", "shared", "carbon")
	if _, err := os.Stat(src); err != nil {
		t.Skip("shared/carbon not present")
	}
	out := filepath.Join(t.TempDir(), "c.json")
	cmd := exec.Command("go", "run", "./gen", "-src", src, "-out", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gen: %v\n%s", err, b)
	}
	got, _ := os.ReadFile(out)
	if !bytes.Equal(got, coefficientsJSON) {
		t.Error("coefficients.json is stale: run go generate ./internal/carbon")
	}
}

// TestUnitEconomics: a project serving 25,000,000 requests a month.
func TestUnitEconomics(t *testing.T) {
	uf, err := usage.Parse("usage.yml", []byte("version: 0.1\nproject:\n  monthly_requests: 25000000\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(uf.Warnings) > 0 {
		t.Errorf("project key warned: %v", uf.Warnings)
	}
	est := &estimate.Estimate{MonthlyCost: d("1250.50"), Resources: []*estimate.Resource{
		{Address: "aws_instance.api", Region: "us-east-1", Status: estimate.StatusPriced, MonthlyCost: d("1250.50"),
			Components: []estimate.Component{{Footprint: &estimate.Footprint{InstanceType: "m5.large", InstanceHours: d("730")}}}}}}
	Annotate(est)
	UnitFromUsage(est, uf)
	if est.Unit == nil {
		t.Fatal("no unit economics")
	}
	// 1250.50 / (25,000,000 / 1,000) = 1250.50 / 25,000 = 0.05002 per 1,000 requests
	if !est.Unit.CostPer1kRequests.Equal(d("0.05002")) {
		t.Errorf("cost per 1k = %s", est.Unit.CostPer1kRequests)
	}
	// m5.large 3.017434 kg (TestM5LargeUSEast1) / 25,000 = 0.000120697 → 0.000121
	if est.Unit.KgCO2ePer1kRequests == nil || !est.Unit.KgCO2ePer1kRequests.Equal(d("0.000121")) {
		t.Errorf("kg per 1k = %v", est.Unit.KgCO2ePer1kRequests)
	}
	UnitFromUsage(est, nil) // no usage file: unchanged
	SetUnitEconomics(est, decimal.Zero)
	if est.Unit != nil {
		t.Error("zero requests must clear unit economics")
	}
}

// TestSpecsFallback: m7i.large is newer than CCF's tables. With the catalog's
// spec (2 vCPU) it is estimated at CCF's average watts, approximate, with no
// memory or embodied share: 0.74 + 0.5 × (3.5 − 0.74) = 2.12 W × 2 × 730 / 1000
// = 3.0952 kWh × 1.135 × 0.379069 = 1.331712 kg.
func TestSpecsFallback(t *testing.T) {
	m := New()
	f := estimate.Footprint{InstanceType: "m7i.large", InstanceHours: d("730")}
	if _, ok := m.Footprint(f, "us-east-1"); ok {
		t.Fatal("without specs an unknown type has no footprint")
	}
	cat := catalog.New()
	cat.SetSpec("m7i.large", catalog.Spec{VCPU: d("2"), MemoryGiB: d("8")})
	m.Specs = cat
	b, ok := m.Footprint(f, "us-east-1")
	if !ok || !b.Approximate || !b.EmbodiedKg.IsZero() || !b.MemoryKWh.IsZero() {
		t.Fatalf("breakdown = %+v", b)
	}
	within1pct(t, "m7i.large", b.TotalKg(), d("1.331712"))
}
