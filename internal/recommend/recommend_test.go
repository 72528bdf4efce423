package recommend

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/catalog"
	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/usage"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// testCatalog holds the us-east-1 figures the test plan needs, copied from
// shared/pricing:
//
//	ec2_linux_reserved_spot.csv (on-demand, ri_1yr_std_no_upfront, ri_3yr_std_no_upfront, spot_avg):
//	  m5.large  0.096 / 0.06  / 0.041 / 0.03168     m6g.large 0.077   m7g.large 0.0816
//	  m5.xlarge 0.192 / 0.121 / 0.083               m6g.xlarge 0.154  m7g.xlarge 0.1632
//	  c5.xlarge 0.17  / 0.107 / 0.071 / 0.0731      c6g.xlarge 0.136  c7g.xlarge 0.145
//	ec2_spot_advisor.csv (linux): c5.xlarge <5%, m5.large 15-20%, m5.xlarge >20%
//	ec2_instance_specs.csv: *.large 2 vCPU / 8 GiB, m*.xlarge 4 / 16, c*.xlarge 4 / 8
//	rds_instance_hourly.csv (mysql single-az): db.m4.large 0.175 (no RI columns);
//	  db.m5.large 0.171, ri_1yr_no_upfront 0.1095, ri_3yr_partial 0.0701456621; db.m6g.large 0.152
//	elasticache_node_hourly.csv: cache.m5.large redis 0.156, ri_1yr_no 0.106, ri_3yr_no 0.081
//	aws_unit_prices.csv: ebs gp2 0.1, gp3 0.08; s3 Standard 0.023, Standard-IA 0.0125, Glacier flexible 0.0036
func testCatalog() *catalog.Catalog {
	c := catalog.New()
	add := func(svc, item, usd string) { c.Add(svc, "us-east-1", item, catalog.Price{USD: d(usd)}) }
	for _, row := range [][5]string{
		{"m5.large", "0.096", "0.06", "0.041", "0.03168"},
		{"m5.xlarge", "0.192", "0.121", "0.083", "0.0672"},
		{"c5.xlarge", "0.17", "0.107", "0.071", "0.0731"},
		{"m6g.large", "0.077", "", "", ""}, {"m7g.large", "0.0816", "", "", ""},
		{"m6g.xlarge", "0.154", "", "", ""}, {"m7g.xlarge", "0.1632", "", "", ""},
		{"c6g.xlarge", "0.136", "", "", ""}, {"c7g.xlarge", "0.145", "", "", ""},
	} {
		add("ec2", row[0]+"/linux/on_demand", row[1])
		if row[2] != "" {
			add("ec2", row[0]+"/linux/reserved/1yr/standard/no_upfront", row[2])
			add("ec2", row[0]+"/linux/reserved/3yr/standard/no_upfront", row[3])
			add("ec2", row[0]+"/linux/spot", row[4])
		}
	}
	for t, s := range map[string][2]string{"m5.large": {"2", "8"}, "m6g.large": {"2", "8"}, "m7g.large": {"2", "8"},
		"m5.xlarge": {"4", "16"}, "m6g.xlarge": {"4", "16"}, "m7g.xlarge": {"4", "16"},
		"c5.xlarge": {"4", "8"}, "c6g.xlarge": {"4", "8"}, "c7g.xlarge": {"4", "8"},
		"m4.large": {"2", "8"}, "m6g.large ": {"2", "8"}} {
		c.SetSpec(t, catalog.Spec{VCPU: d(s[0]), MemoryGiB: d(s[1])})
	}
	c.SetSpot("us-east-1", "c5.xlarge", catalog.SpotAdvice{SavingsPercent: 56, Band: "<5%"})
	c.SetSpot("us-east-1", "m5.large", catalog.SpotAdvice{SavingsPercent: 66, Band: "15-20%"})
	c.SetSpot("us-east-1", "m5.xlarge", catalog.SpotAdvice{SavingsPercent: 66, Band: ">20%"})
	add("rds", "db.m4.large/mysql/single-az/on_demand", "0.175")
	add("rds", "db.m5.large/mysql/single-az/on_demand", "0.171")
	add("rds", "db.m5.large/mysql/single-az/reserved/1yr/no_upfront", "0.1095")
	add("rds", "db.m5.large/mysql/single-az/reserved/3yr/partial_upfront", "0.0701456621")
	add("rds", "db.m6g.large/mysql/single-az/on_demand", "0.152")
	add("elasticache", "cache.m5.large/redis/on_demand", "0.156")
	add("elasticache", "cache.m5.large/redis/reserved/1yr/no_upfront", "0.106")
	add("elasticache", "cache.m5.large/redis/reserved/3yr/no_upfront", "0.081")
	add("ebs", "gp2 storage", "0.1")
	add("ebs", "gp3 storage", "0.08")
	add("s3", "Standard / Storage", "0.023")
	add("s3", "Standard - infrequent access / Storage", "0.0125")
	add("s3", "Glacier flexible retrieval / Storage", "0.0036")
	return c
}

func js(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}

// testInput is a realistic small production plan plus a dev box. Monthly
// costs are what the pricing rules give (price × 730 h or × GB):
//
//	aws_instance.web        m5.large 0.096×730 = 70.08 + 20 GB gp2 root ×0.1 = 2.00  →   72.08
//	aws_instance.dev        m5.xlarge 0.192×730                                    →  140.16
//	aws_autoscaling_group.workers  4 × c5.xlarge 0.17×730 = 4 × 124.10             →  496.40
//	aws_db_instance.main    db.m4.large 0.175×730 = 127.75 + 100 GB gp2 ×0.115     →  139.25
//	aws_elasticache_cluster.cache  2 × cache.m5.large 0.156×730                    →  227.76
//	aws_ebs_volume.data     500 GB gp2 ×0.1                                        →   50.00
//	aws_s3_bucket.logs      5,000 GB Standard ×0.023 (usage)                       →  115.00
//	aws_eks_node_group.apps 3 × m5.large 0.096×730                                 →  210.24
//	aws_nat_gateway.nat     0.045×730                                              →   32.85
//	total                                                                          → 1483.74
func testInput(t *testing.T) Input {
	p := estimate.InlinePlan("us-east-1", []estimate.InlineResource{
		{Type: "aws_instance", Name: "web", Values: js(map[string]any{"instance_type": "m5.large",
			"root_block_device": []any{map[string]any{"volume_type": "gp2", "volume_size": 20}}})},
		{Type: "aws_instance", Name: "dev", Values: js(map[string]any{"instance_type": "m5.xlarge"})},
		{Type: "aws_launch_template", Name: "workers", Values: js(map[string]any{"instance_type": "c5.xlarge"})},
		{Type: "aws_autoscaling_group", Name: "workers", Values: js(map[string]any{"min_size": 2, "desired_capacity": 4, "max_size": 8,
			"launch_template": []any{map[string]any{"version": "$Latest"}},
			"tag":             []any{map[string]any{"key": "fault_tolerant", "value": "true", "propagate_at_launch": true}}})},
		{Type: "aws_db_instance", Name: "main", Values: js(map[string]any{"instance_class": "db.m4.large", "engine": "mysql", "multi_az": false, "allocated_storage": 100})},
		{Type: "aws_elasticache_cluster", Name: "cache", Values: js(map[string]any{"node_type": "cache.m5.large", "engine": "redis", "num_cache_nodes": 2})},
		{Type: "aws_ebs_volume", Name: "data", Values: js(map[string]any{"type": "gp2", "size": 500})},
		{Type: "aws_s3_bucket", Name: "logs", Values: js(map[string]any{"bucket": "logs"})},
		{Type: "aws_eks_node_group", Name: "apps", Values: js(map[string]any{"instance_types": []string{"m5.large"}, "capacity_type": "ON_DEMAND",
			"scaling_config": []any{map[string]any{"min_size": 2, "desired_size": 3, "max_size": 6}}})},
		{Type: "aws_nat_gateway", Name: "nat", Values: js(map[string]any{})},
	})
	monthly := map[string]string{"aws_instance.web": "72.08", "aws_instance.dev": "140.16", "aws_autoscaling_group.workers": "496.40",
		"aws_db_instance.main": "139.25", "aws_elasticache_cluster.cache": "227.76", "aws_ebs_volume.data": "50",
		"aws_s3_bucket.logs": "115", "aws_eks_node_group.apps": "210.24", "aws_nat_gateway.nat": "32.85"}
	tags := map[string]map[string]string{"aws_instance.web": {"env": "prod"}, "aws_instance.dev": {"Environment": "dev"}}
	est := &estimate.Estimate{Name: "shop"}
	for _, r := range p.Resources {
		if r.Type == "aws_autoscaling_group" {
			r.References = map[string][]string{"launch_template": {"aws_launch_template.workers"}}
		}
		r.Tags = tags[r.Address]
		m, ok := monthly[r.Address]
		if !ok {
			est.Resources = append(est.Resources, &estimate.Resource{Address: r.Address, Type: r.Type, Region: r.Region, Status: estimate.StatusFree})
			continue
		}
		est.Resources = append(est.Resources, &estimate.Resource{Address: r.Address, Type: r.Type, Region: r.Region,
			Status: estimate.StatusPriced, Tags: r.Tags, MonthlyCost: d(m)})
	}
	estimate.Total(est)
	if !est.MonthlyCost.Equal(d("1483.74")) {
		t.Fatalf("test estimate total = %s, want 1483.74", est.MonthlyCost)
	}
	uf, err := usage.Parse("usage.yml", []byte("version: 0.1\nresource_usage:\n  aws_s3_bucket.logs:\n    standard:\n      storage_gb: 5000\n"))
	if err != nil {
		t.Fatal(err)
	}
	return Input{Plan: p, Estimate: est, Catalog: testCatalog(), Usage: uf}
}

func TestGenerate(t *testing.T) {
	recs := Generate(testInput(t))
	type key struct {
		addr string
		kind Kind
		risk Risk
	}
	got := map[key]string{}
	for _, r := range recs {
		k := key{r.Address, r.Kind, r.Risk}
		if _, dup := got[k]; dup {
			k.kind += "#2"
		}
		got[k] = r.MonthlySaving.StringFixed(2)
		if r.Change == "" || r.Why == "" || r.Basis == "" {
			t.Errorf("%s %s: empty change/why/basis: %+v", r.Address, r.Kind, r)
		}
		if !r.NewMonthly.Equal(r.CurrentMonthly.Sub(r.MonthlySaving)) {
			t.Errorf("%s %s: new %s != current %s − saving %s", r.Address, r.Kind, r.NewMonthly, r.CurrentMonthly, r.MonthlySaving)
		}
	}
	want := map[key]string{
		// (0.096 − 0.06) × 730 = 26.28; (0.096 − 0.041) × 730 = 40.15
		{"aws_instance.web", Reserved, Low}:    "26.28",
		{"aws_instance.web", Reserved, Medium}: "40.15",
		// (0.096 − 0.077 m6g.large) × 730 = 13.87 (m7g.large 0.0816 is dearer than m6g)
		{"aws_instance.web", Graviton, Medium}: "13.87",
		// 20 GB × (0.1 − 0.08) = 0.40
		{"aws_instance.web", GP3, Low}: "0.40",
		// Environment=dev: 0.192 × (730 − 1825/7) = 0.192 × 469.285714 = 90.10
		{"aws_instance.dev", Schedule, Low}:    "90.10",
		{"aws_instance.dev", Reserved, Low}:    "51.83", // (0.192 − 0.121) × 730
		{"aws_instance.dev", Reserved, Medium}: "79.57", // (0.192 − 0.083) × 730
		{"aws_instance.dev", Graviton, Medium}: "27.74", // (0.192 − 0.154) × 730
		// fault_tolerant tag, band <5% → low: (0.17 − 0.0731) × 4 × 730 = 282.948
		{"aws_autoscaling_group.workers", Spot, Low}: "282.95",
		// (0.17 − 0.136 c6g.xlarge) × 4 × 730 = 99.28
		{"aws_autoscaling_group.workers", Graviton, Medium}: "99.28",
		// db.m4.large 0.175 → db.m5.large 0.171: 0.004 × 730 = 2.92; → db.m6g.large 0.152: 0.023 × 730 = 16.79
		{"aws_db_instance.main", CurrentGeneration, Low}: "2.92",
		{"aws_db_instance.main", Graviton, Medium}:       "16.79",
		// (0.156 − 0.106) × 2 × 730 = 73.00; (0.156 − 0.081) × 2 × 730 = 109.50
		{"aws_elasticache_cluster.cache", Reserved, Low}:    "73.00",
		{"aws_elasticache_cluster.cache", Reserved, Medium}: "109.50",
		// 500 × (0.1 − 0.08) = 10.00
		{"aws_ebs_volume.data", GP3, Low}: "10.00",
		// 5000 × (0.023 − 0.0125) = 52.50; 5000 × (0.023 − 0.0036) = 97.00
		{"aws_s3_bucket.logs", S3Lifecycle, Medium}: "52.50",
		{"aws_s3_bucket.logs", S3Lifecycle, High}:   "97.00",
		// (0.096 − 0.077) × 3 × 730 = 41.61
		{"aws_eks_node_group.apps", Graviton, Medium}: "41.61",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%v: saving %q, want %s", k, got[k], w)
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected recommendation %v saving %s", k, g)
		}
	}
}

func TestSelectTarget30(t *testing.T) {
	in := testInput(t)
	s := Select(Generate(in), in.Estimate.MonthlyCost, d("30"))
	// Target: 1483.74 × 30% = 445.122 → 445.12. Low-risk candidates by saving:
	// workers spot 282.95, dev schedule 90.10, cache 1-yr RI 73.00 → 446.05 ≥ 445.12.
	var picked []string
	for _, r := range s.Chosen {
		picked = append(picked, r.Address+":"+string(r.Kind))
	}
	wantPicked := "aws_autoscaling_group.workers:spot aws_instance.dev:schedule aws_elasticache_cluster.cache:reserved"
	if strings.Join(picked, " ") != wantPicked {
		t.Errorf("picked %v, want %s", picked, wantPicked)
	}
	if !s.Reached || !s.Saving.Equal(d("446.05")) || !s.TargetSaving.Equal(d("445.12")) || s.MaxRisk != Low {
		t.Errorf("selection = reached %v saving %s target %s risk %s", s.Reached, s.Saving, s.TargetSaving, s.MaxRisk)
	}
	// 446.05 / 1483.74 = 30.06 %; new monthly 1483.74 − 446.05 = 1037.69
	if !s.Percent.Equal(d("30.06")) || !s.NewMonthly.Equal(d("1037.69")) {
		t.Errorf("percent %s new %s", s.Percent, s.NewMonthly)
	}
}

func TestSelectUnreachable(t *testing.T) {
	in := testInput(t)
	s := Select(Generate(in), in.Estimate.MonthlyCost, d("50"))
	// One per resource, best first by risk then saving:
	// low: 282.95 + 90.10 + 73.00 + 26.28 (web RI) + 10.00 (gp3) + 2.92 (db) = 485.25
	// medium, new resources only: s3 IA 52.50 + EKS Graviton 41.61 → 579.36
	// 579.36 / 1483.74 = 39.05 %, short of 741.87 by 162.51.
	if s.Reached || !s.Saving.Equal(d("579.36")) || !s.Percent.Equal(d("39.05")) || len(s.Chosen) != 8 {
		t.Errorf("selection = reached %v saving %s percent %s n %d", s.Reached, s.Saving, s.Percent, len(s.Chosen))
	}
	var buf bytes.Buffer
	if err := Write(&buf, "table", Report{Project: "shop", Baseline: in.Estimate.MonthlyCost, Recommendations: Best(Generate(in)), Plan: &s}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "Cannot reach a 50% cut") || !strings.Contains(buf.String(), "$162.51 short") {
		t.Errorf("table output:\n%s", buf.String())
	}
}

func TestWriteFormats(t *testing.T) {
	in := testInput(t)
	recs := Generate(in)
	s := Select(recs, in.Estimate.MonthlyCost, d("30"))
	rep := Report{Project: "shop", Currency: "USD", Baseline: in.Estimate.MonthlyCost, Recommendations: recs, Plan: &s}
	for _, f := range Formats {
		var buf bytes.Buffer
		if err := Write(&buf, f, rep); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if !strings.Contains(buf.String(), "aws_autoscaling_group.workers") {
			t.Errorf("%s output lacks the ASG:\n%s", f, buf.String())
		}
	}
	var buf bytes.Buffer
	_ = Write(&buf, "json", rep)
	var back struct {
		Plan struct {
			Reached bool   `json:"reached"`
			MaxRisk string `json:"maxRisk"`
		} `json:"plan"`
	}
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil || !back.Plan.Reached || back.Plan.MaxRisk != "low" {
		t.Errorf("json plan = %+v, err %v", back.Plan, err)
	}
	if err := Write(&buf, "yaml", rep); err == nil {
		t.Error("unknown format must fail")
	}
}

// failAfter accepts n bytes, then fails every write like a closed pipe.
type failAfter struct{ n int }

var errClosed = errors.New("closed pipe")

func (f *failAfter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		n := f.n
		f.n = 0
		return n, errClosed
	}
	f.n -= len(p)
	return len(p), nil
}

// TestWriteReportsWriteErrors: a report that could not be written in full
// is an error, whether the write fails at once or part-way (after the header,
// inside the aligned table, in the plan).
func TestWriteReportsWriteErrors(t *testing.T) {
	in := testInput(t)
	recs := Generate(in)
	s := Select(recs, in.Estimate.MonthlyCost, d("30"))
	rep := Report{Project: "shop", Currency: "USD", Baseline: in.Estimate.MonthlyCost, Recommendations: recs, Plan: &s}
	for _, f := range Formats {
		var full bytes.Buffer
		if err := Write(&full, f, rep); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, n := range []int{0, 10, full.Len() / 2, full.Len() - 1} {
			if err := Write(&failAfter{n: n}, f, rep); !errors.Is(err, errClosed) {
				t.Errorf("%s failing after %d of %d bytes: err %v, want %v", f, n, full.Len(), err, errClosed)
			}
		}
	}
	if err := WriteText(&failAfter{}, recs); !errors.Is(err, errClosed) {
		t.Errorf("WriteText: err %v, want %v", err, errClosed)
	}
	if err := WriteMarkdownTable(&failAfter{}, recs); !errors.Is(err, errClosed) {
		t.Errorf("WriteMarkdownTable: err %v, want %v", err, errClosed)
	}
}

// TestAlreadyDiscounted: a resource the estimate already prices as reserved
// (usage) or on another OS gets no compute recommendation.
func TestAlreadyDiscounted(t *testing.T) {
	in := testInput(t)
	for _, r := range in.Estimate.Resources {
		switch r.Address {
		case "aws_instance.dev":
			r.Components = []estimate.Component{{Name: "Instance usage (Linux/UNIX, reserved, m5.xlarge)"}}
		case "aws_elasticache_cluster.cache":
			r.Components = []estimate.Component{{Name: "ElastiCache (1-year reserved, no upfront, cache.m5.large)"}}
		}
	}
	for _, r := range Generate(in) {
		if r.Address == "aws_instance.dev" || r.Address == "aws_elasticache_cluster.cache" {
			t.Errorf("unexpected %s %s", r.Address, r.Kind)
		}
	}
}

func TestPlanHeadlines(t *testing.T) {
	var buf bytes.Buffer
	_ = Write(&buf, "table", Report{Project: "free", Plan: &Selection{TargetPercent: d("30")}})
	if !strings.Contains(buf.String(), "nothing to cut") {
		t.Errorf("zero plan:\n%s", buf.String())
	}
	buf.Reset()
	s := Select(nil, d("100"), d("30"))
	_ = Write(&buf, "markdown", Report{Project: "p", Baseline: d("100"), Plan: &s})
	if !strings.Contains(buf.String(), "no recommendation applies") {
		t.Errorf("no recommendations:\n%s", buf.String())
	}
}

// TestReplicationGroupAndAurora: reservations for a 3-node Redis replication
// group (node count from the priced instance-hours, 3 × 730 = 2190) and an
// Aurora instance. cache.m5.large: (0.156 − 0.106) × 3 × 730 = 109.50 (1 yr),
// (0.156 − 0.081) × 3 × 730 = 164.25 (3 yr). db.r5.large aurora-mysql
// (rds_instance_hourly.csv, us-east-1): 0.29 on demand, ri_1yr_no_upfront 0.19
// → (0.29 − 0.19) × 730 = 73.00; no 3-yr no-upfront offer, ri_3yr_partial_upfront
// 0.1075671233 → (0.29 − 0.1075671233) × 730 = 133.18.
func TestReplicationGroupAndAurora(t *testing.T) {
	cat := testCatalog()
	cat.Add("rds", "us-east-1", "db.r5.large/aurora-mysql/single-az/on_demand", catalog.Price{USD: d("0.29")})
	cat.Add("rds", "us-east-1", "db.r5.large/aurora-mysql/single-az/reserved/1yr/no_upfront", catalog.Price{USD: d("0.19")})
	cat.Add("rds", "us-east-1", "db.r5.large/aurora-mysql/single-az/reserved/3yr/partial_upfront", catalog.Price{USD: d("0.1075671233")})
	p := estimate.InlinePlan("us-east-1", []estimate.InlineResource{
		{Type: "aws_elasticache_replication_group", Name: "rg", Values: js(map[string]any{"node_type": "cache.m5.large", "num_cache_clusters": 3})},
		{Type: "aws_rds_cluster_instance", Name: "db", Values: js(map[string]any{"instance_class": "db.r5.large", "engine": "aurora-mysql"})},
	})
	est := &estimate.Estimate{Resources: []*estimate.Resource{
		{Address: "aws_elasticache_replication_group.rg", Type: "aws_elasticache_replication_group", Region: "us-east-1",
			Status: estimate.StatusPriced, MonthlyCost: d("341.64"), Components: []estimate.Component{{Name: "ElastiCache (on-demand, cache.m5.large)",
				Footprint: &estimate.Footprint{InstanceType: "cache.m5.large", InstanceHours: d("2190")}}}},
		{Address: "aws_rds_cluster_instance.db", Type: "aws_rds_cluster_instance", Region: "us-east-1",
			Status: estimate.StatusPriced, MonthlyCost: d("211.70")},
	}}
	got := map[string]string{}
	for _, r := range Generate(Input{Plan: p, Estimate: est, Catalog: cat}) {
		got[r.Address+":"+r.Risk.String()] = r.MonthlySaving.StringFixed(2)
	}
	want := map[string]string{"aws_elasticache_replication_group.rg:low": "109.50", "aws_elasticache_replication_group.rg:medium": "164.25",
		"aws_rds_cluster_instance.db:low": "73.00", "aws_rds_cluster_instance.db:medium": "133.18"}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s = %q, want %s (all %v)", k, got[k], w, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %v", got)
	}
}

// TestFargateGraviton: the FinOps example's API service, 2 tasks of 0.5 vCPU
// and 1 GB (730 vCPU-hours, 1,460 GB-hours a month). aws_unit_prices.csv
// us-east-1: Linux/x86 0.04048 per vCPU-h and 0.004445 per GB-h; Linux/ARM
// 0.03238 and 0.00356. Saving 730 × 0.0081 + 1460 × 0.000885 = 5.913 + 1.2921 = 7.2051.
func TestFargateGraviton(t *testing.T) {
	cat := testCatalog()
	for item, usd := range map[string]string{"Linux/x86 vCPU hour": "0.04048", "Linux/ARM vCPU hour": "0.03238",
		"Linux/x86 memory GB hour": "0.004445", "Linux/ARM memory GB hour": "0.00356"} {
		cat.Add("fargate", "us-east-1", item, catalog.Price{USD: d(usd)})
	}
	p := estimate.InlinePlan("us-east-1", []estimate.InlineResource{{Type: "aws_ecs_service", Name: "api", Values: js(map[string]any{"name": "api"})}})
	est := &estimate.Estimate{Resources: []*estimate.Resource{{Address: "aws_ecs_service.api", Type: "aws_ecs_service", Region: "us-east-1",
		Status: estimate.StatusPriced, MonthlyCost: d("36.0401"), Components: []estimate.Component{
			{Name: "Fargate vCPU (Linux/x86)", Footprint: &estimate.Footprint{VCPUHours: d("730")}},
			{Name: "Fargate memory (Linux/x86)", Footprint: &estimate.Footprint{MemoryGBHours: d("1460")}},
		}}}}
	recs := Generate(Input{Plan: p, Estimate: est, Catalog: cat})
	if len(recs) != 1 || recs[0].Kind != Graviton || recs[0].Risk != Medium || !recs[0].MonthlySaving.Equal(d("7.21")) {
		t.Fatalf("got %+v", recs)
	}
}

func TestRiskJSONRoundTrip(t *testing.T) {
	for _, r := range []Risk{Low, Medium, High} {
		b, _ := json.Marshal(r)
		var back Risk
		if err := json.Unmarshal(b, &back); err != nil || back != r {
			t.Errorf("%s: %s → %v (%v)", r, b, back, err)
		}
	}
	var bad Risk
	if json.Unmarshal([]byte(`"extreme"`), &bad) == nil {
		t.Error("unknown risk must fail")
	}
}

// TestFargateGravitonWhenAlreadyScheduled: a non-production service already
// running 8 h a day (8 × 730/24 = 243.33 h, under the 260.71 h schedule) gets
// no schedule recommendation, but still the ARM64 one. Same tasks and prices
// as TestFargateGraviton, the footprint scaled to the hours: 0.5 vCPU × 2 ×
// 243.33 = 243.33 vCPU-h and 486.67 GB-h; saving 243.33 × 0.0081 +
// 486.67 × 0.000885 = 1.970973 + 0.43070295 = 2.40167595 → 2.40.
func TestFargateGravitonWhenAlreadyScheduled(t *testing.T) {
	cat := testCatalog()
	for item, usd := range map[string]string{"Linux/x86 vCPU hour": "0.04048", "Linux/ARM vCPU hour": "0.03238",
		"Linux/x86 memory GB hour": "0.004445", "Linux/ARM memory GB hour": "0.00356"} {
		cat.Add("fargate", "us-east-1", item, catalog.Price{USD: d(usd)})
	}
	uf, err := usage.Parse("usage.yml", []byte("version: 0.1\nresource_usage:\n  aws_ecs_service.api:\n    hours_per_day: 8\n"))
	if err != nil {
		t.Fatal(err)
	}
	p := estimate.InlinePlan("us-east-1", []estimate.InlineResource{{Type: "aws_ecs_service", Name: "api", Values: js(map[string]any{"name": "api"})}})
	est := &estimate.Estimate{Resources: []*estimate.Resource{{Address: "aws_ecs_service.api", Type: "aws_ecs_service", Region: "us-east-1",
		Status: estimate.StatusPriced, MonthlyCost: d("12.01"), Tags: map[string]string{"env": "dev"}, Components: []estimate.Component{
			{Name: "Fargate vCPU (Linux/x86)", Footprint: &estimate.Footprint{VCPUHours: d("243.33")}},
			{Name: "Fargate memory (Linux/x86)", Footprint: &estimate.Footprint{MemoryGBHours: d("486.67")}},
		}}}}
	recs := Generate(Input{Plan: p, Estimate: est, Catalog: cat, Usage: uf})
	if len(recs) != 1 || recs[0].Kind != Graviton || !recs[0].MonthlySaving.Equal(d("2.40")) {
		t.Fatalf("got %+v", recs)
	}
}
