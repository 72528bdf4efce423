package aws

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/tfcost/tfcost/internal/catalog"
	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/plan"
)

// Figures (us-east-1 unless stated), from /work/shared/pricing:
//
//	ec2_ondemand_by_os.csv / ec2_ondemand_linux.csv: m5.large linux 0.096,
//	  windows 0.188, rhel 0.16; m5.4xlarge 0.768; t3.medium 0.0416 (2 vCPU);
//	  ap-northeast-1 i2.xlarge linux 1.001, ebs_optimized_surcharge 0.02.
//	ec2_linux_reserved_spot.csv: m5.large spot_avg 0.03168;
//	  m5.4xlarge ri_1yr_std_all_upfront 0.451598.
//	aws_unit_prices.csv: ebs gp2 0.1, gp3 0.08, gp3 IOPS>3000 0.005,
//	  gp3 throughput>125 0.04, io1 0.125, io1 IOPS 0.065;
//	  ec2 detailed monitoring metric 0.3; T3 unlimited CPU credits 0.05.
func TestInstance(t *testing.T) {
	const root8 = "0.8" // default root: 8 GB × 0.1 (gp2)
	tests := []struct {
		name, values, unknown, usage, region string
		want                                 map[string]string // component → monthly cost ("" = nil)
		total                                string
	}{
		{name: "linux on-demand, default root",
			values: `{"instance_type":"m5.large"}`,
			// 0.096 × 730 = 70.08; root 8 GB × 0.1 = 0.8
			want:  map[string]string{"Instance usage (Linux/UNIX, on-demand, m5.large)": "70.08", "Storage (gp2)": root8},
			total: "70.88"},
		{name: "windows from usage",
			values: `{"instance_type":"m5.large"}`, usage: "operating_system: windows",
			// 0.188 × 730 = 137.24
			want: map[string]string{"Instance usage (Windows, on-demand, m5.large)": "137.24"}},
		{name: "rhel from usage",
			values: `{"instance_type":"m5.large"}`, usage: "operating_system: rhel",
			// 0.16 × 730 = 116.8
			want: map[string]string{"Instance usage (RHEL, on-demand, m5.large)": "116.8"}},
		{name: "bad operating system is unpriced",
			values: `{"instance_type":"m5.large"}`, usage: "operating_system: beos",
			want: map[string]string{"Instance usage": ""}},
		{name: "spot via instance_market_options",
			values: `{"instance_type":"m5.large","instance_market_options":[{"market_type":"spot"}]}`,
			// 0.03168 × 730 = 23.1264
			want: map[string]string{"Instance usage (Linux/UNIX, spot, m5.large)": "23.1264"}},
		{name: "reserved from usage, all upfront amortised (not $0)",
			values: `{"instance_type":"m5.4xlarge"}`,
			usage:  "reserved_instance_type: standard\nreserved_instance_term: 1_year\nreserved_instance_payment_option: all_upfront",
			// 0.451598 × 730 = 329.66654
			want: map[string]string{"Instance usage (Linux/UNIX, reserved, m5.4xlarge)": "329.66654"}},
		{name: "reservations ignore scheduling keys",
			values: `{"instance_type":"m5.4xlarge"}`,
			usage:  "reserved_instance_type: standard\nreserved_instance_term: 1_year\nreserved_instance_payment_option: all_upfront\nmonthly_hrs: 100",
			// still 0.451598 × 730 = 329.66654
			want: map[string]string{"Instance usage (Linux/UNIX, reserved, m5.4xlarge)": "329.66654"}},
		{name: "dedicated tenancy is unpriced",
			values: `{"instance_type":"m5.large","tenancy":"dedicated"}`,
			want:   map[string]string{"Instance usage (Linux/UNIX, dedicated tenancy, m5.large)": ""}},
		{name: "detailed monitoring",
			values: `{"instance_type":"m5.large","monitoring":true}`,
			// 7 metrics × 0.3 = 2.1
			want: map[string]string{"EC2 detailed monitoring": "2.1"}},
		{name: "scheduling keys apply to the instance, not its storage",
			values: `{"instance_type":"m5.large"}`, usage: "monthly_hrs: 200",
			// 0.096 × 200 = 19.2; storage stays 0.8
			want: map[string]string{"Instance usage (Linux/UNIX, on-demand, m5.large)": "19.2", "Storage (gp2)": root8}},
		{name: "hours_per_day × days_per_month",
			values: `{"instance_type":"m5.large"}`, usage: "hours_per_day: 10\ndays_per_month: 22",
			// 0.096 × 10 × 22 = 21.12
			want: map[string]string{"Instance usage (Linux/UNIX, on-demand, m5.large)": "21.12"}},
		{name: "t3 unlimited by default, credits from usage",
			values: `{"instance_type":"t3.medium"}`, usage: "monthly_cpu_credit_hrs: 100",
			// 0.0416 × 730 = 30.368; credits 100 h × 2 vCPU × 0.05 = 10
			want: map[string]string{"Instance usage (Linux/UNIX, on-demand, t3.medium)": "30.368", "CPU credits": "10"}},
		{name: "t3 credits without usage show the price only",
			values: `{"instance_type":"t3.medium","credit_specification":[{"cpu_credits":"unlimited"}]}`,
			want:   map[string]string{"CPU credits": ""}},
		{name: "root gp3 with IOPS and throughput above baseline",
			values: `{"instance_type":"m5.large","root_block_device":[{"volume_type":"gp3","volume_size":100,"iops":4000,"throughput":250}]}`,
			// 100 × 0.08 = 8; (4000-3000) × 0.005 = 5; (250-125) × 0.04 = 5
			want: map[string]string{"Storage (gp3)": "8", "IOPS above 3000 (gp3)": "5", "Throughput above 125 MiB/s (gp3)": "5"}},
		{name: "io1 ebs_block_device",
			values: `{"instance_type":"m5.large","ebs_block_device":[{"device_name":"xvdb","volume_type":"io1","volume_size":1000,"iops":800}]}`,
			// 1000 × 0.125 = 125; 800 × 0.065 = 52
			want: map[string]string{"Storage (io1)": "125", "Provisioned IOPS (io1)": "52"}},
		{name: "ebs-optimized surcharge where AWS charges one",
			values: `{"instance_type":"i2.xlarge","ebs_optimized":true}`, region: "ap-northeast-1",
			// 1.001 × 730 = 730.73; 0.02 × 730 = 14.6
			want: map[string]string{"Instance usage (Linux/UNIX, on-demand, i2.xlarge)": "730.73", "EBS-optimized usage": "14.6"}},
		{name: "unknown instance_type",
			values: `{}`, unknown: `{"instance_type":true}`,
			want: map[string]string{"Instance usage": ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			region := tt.region
			if region == "" {
				region = "us-east-1"
			}
			r := priceOneUnknown(t, "aws_instance", tt.values, tt.unknown, tt.usage, region)
			for name, want := range tt.want {
				assertMonthly(t, r, name, want)
			}
			if tt.total != "" {
				assertTotal(t, r, tt.total)
			}
		})
	}
}

func TestInstanceFlags(t *testing.T) {
	r := priceOneUnknown(t, "aws_instance", `{}`, `{"instance_type":true}`, "", "us-east-1")
	if c := comp(t, r, "Instance usage"); !c.Unknown || !strings.Contains(c.Note, "instance_type") {
		t.Errorf("want unknown instance_type, got %+v", c)
	}
	r = priceOne(t, "aws_instance", `{"instance_type":"m5.large","tenancy":"dedicated"}`, "", "us-east-1")
	if c := comp(t, r, "Instance usage (Linux/UNIX, dedicated tenancy, m5.large)"); !c.Unpriced || !strings.Contains(c.Note, "shared tenancy") {
		t.Errorf("want unpriced dedicated, got %+v", c)
	}
	r = priceOne(t, "aws_instance", `{"instance_type":"m5.large"}`, "", "us-east-1")
	if c := comp(t, r, "Storage (gp2)"); c.Group != "root_block_device" || !strings.Contains(c.Note, "8 GB") || !strings.Contains(c.Note, "gp2") {
		t.Errorf("default root note: %+v", c)
	}
	r = priceOne(t, "aws_instance", `{"instance_type":"m5.large","instance_market_options":[{"market_type":"spot"}]}`, "", "us-east-1")
	if c := comp(t, r, "Instance usage (Linux/UNIX, spot, m5.large)"); !strings.Contains(c.Note, "interruption band") {
		t.Errorf("spot note lacks advisor band: %q", c.Note)
	}
	// t2 is standard unless asked; standard mode has no credit line.
	for _, v := range []string{`{"instance_type":"t2.micro"}`, `{"instance_type":"t3.micro","credit_specification":[{"cpu_credits":"standard"}]}`} {
		if r := priceOne(t, "aws_instance", v, "", "us-east-1"); hasComp(r, "CPU credits") {
			t.Errorf("%s: unexpected CPU credits", v)
		}
	}
	// An ebs_block_device whose size comes from a snapshot is unknown, not $0.
	r = priceOneUnknown(t, "aws_instance", `{"instance_type":"m5.large","ebs_block_device":[{"device_name":"xvdf","snapshot_id":"snap-1"}]}`,
		`{"ebs_block_device":[{"volume_size":true,"volume_type":true}]}`, "", "us-east-1")
	found := false
	for _, c := range r.Components {
		if strings.HasPrefix(c.Group, "ebs_block_device[0]") && c.Unknown {
			found = true
		}
	}
	if !found {
		t.Errorf("snapshot-sized block device should be unknown: %+v", r.Components)
	}
	// ebs_optimized unknown on a type with no surcharge adds nothing.
	r = priceOneUnknown(t, "aws_instance", `{"instance_type":"m5.large"}`, `{"ebs_optimized":true}`, "", "us-east-1")
	if hasComp(r, "EBS-optimized usage") {
		t.Errorf("no surcharge on m5.large")
	}
}

func TestInstanceFromLaunchTemplate(t *testing.T) {
	lt := testResource{Type: "aws_launch_template", Name: "lt", Values: `{"name":"web-lt","instance_type":"m5.large"}`}
	// by configuration reference: 0.096 × 730 = 70.08
	inst := testResource{Type: "aws_instance", Name: "a", Values: `{"launch_template":[{"version":"$Latest"}]}`, Unknown: `{"instance_type":true}`,
		References: map[string][]string{"launch_template": {"aws_launch_template.lt"}}}
	est := pricePlan(t, "us-east-1", "", inst, lt)
	assertMonthly(t, est.Resources[0], "Instance usage (Linux/UNIX, on-demand, m5.large)", "70.08")
	if est.Resources[1].Status != "free" {
		t.Errorf("launch template should be free")
	}
	// by template name
	inst = testResource{Type: "aws_instance", Name: "b", Values: `{"launch_template":[{"name":"web-lt"}]}`, Unknown: `{"instance_type":true}`}
	est = pricePlan(t, "us-east-1", "", inst, lt)
	assertMonthly(t, est.Resources[0], "Instance usage (Linux/UNIX, on-demand, m5.large)", "70.08")
}

// TestInstanceAttachedVolumes: after apply the provider reads volumes attached
// with aws_volume_attachment back into the instance's ebs_block_device. Those
// whose volume_id is an aws_ebs_volume of the plan are priced on the volume,
// not a second time on the instance. us-east-1: t2.nano 0.0058, gp2 0.1.
func TestInstanceAttachedVolumes(t *testing.T) {
	vol := testResource{Type: "aws_ebs_volume", Name: "storage", Values: `{"id":"vol-1","size":128,"type":"gp2"}`}
	tests := []struct {
		name    string
		devices string
		// want is the instance's monthly total and ebs lines it must keep.
		total string
		lines []string
		note  string
	}{
		// Attached volume only: 0.0058 × 730 = 4.234 + root 8 GB × 0.1 = 0.8 → 5.034
		// (the 128 GB volume is the volume's own 12.8, not the instance's).
		{name: "attached volume skipped", total: "5.034", note: "ebs_block_device[0] (vol-1) is aws_ebs_volume.storage",
			devices: `[{"device_name":"/dev/sdf","volume_id":"vol-1","volume_size":128,"volume_type":"gp2"}]`},
		// A device the plan has no volume for stays: 4.234 + 0.8 + 20 GB × 0.1 = 2 → 7.034.
		{name: "own device kept", total: "7.034", lines: []string{"ebs_block_device[1] /dev/sdg"},
			devices: `[{"device_name":"/dev/sdf","volume_id":"vol-1","volume_size":128,"volume_type":"gp2"},` +
				`{"device_name":"/dev/sdg","volume_id":"vol-2","volume_size":20,"volume_type":"gp2"}]`},
		// Before apply the ids are not known: nothing matches, 4.234 + 0.8 + 2 = 7.034.
		{name: "no volume id", total: "7.034", lines: []string{"ebs_block_device[0] /dev/sdg"},
			devices: `[{"device_name":"/dev/sdg","volume_size":20,"volume_type":"gp2"}]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inst := testResource{Type: "aws_instance", Name: "ec2", Values: `{"instance_type":"t2.nano",` +
				`"root_block_device":[{"volume_size":8,"volume_type":"gp2"}],"ebs_block_device":` + tt.devices + `}`}
			est := pricePlan(t, "us-east-1", "", inst, vol)
			r := est.Resources[0]
			assertTotal(t, r, tt.total)
			// The volume: 128 × 0.1 = 12.8, whatever the instance says.
			assertTotal(t, est.Resources[1], "12.8")
			groups := map[string]bool{}
			for _, c := range r.Components {
				groups[c.Group] = true
			}
			for _, g := range tt.lines {
				if !groups[g] {
					t.Errorf("no line in group %q: %s", g, componentNames(r))
				}
			}
			if groups["ebs_block_device[0] /dev/sdf"] {
				t.Errorf("the attached volume is priced on the instance too")
			}
			if !strings.Contains(r.Note, tt.note) {
				t.Errorf("note %q, want it to contain %q", r.Note, tt.note)
			}
		})
	}
}

// BenchmarkInstanceAttachedVolumes prices a plan of n instances, each with
// an attached volume: the volume index is built once per plan, so the time
// per resource stays flat as n grows (no rescan per instance).
func BenchmarkInstanceAttachedVolumes(b *testing.B) {
	for _, n := range []int{100, 1000, 5000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			p := &plan.Plan{File: "bench"}
			for i := 0; i < n; i++ {
				id := fmt.Sprintf("vol-%d", i)
				p.Resources = append(p.Resources,
					&plan.Resource{Address: fmt.Sprintf("aws_ebs_volume.v%d", i), Type: "aws_ebs_volume", Name: fmt.Sprintf("v%d", i),
						Region: "us-east-1", Action: plan.ActionNoOp, After: json.RawMessage(`{"id":"` + id + `","size":10,"type":"gp2"}`)},
					&plan.Resource{Address: fmt.Sprintf("aws_instance.i%d", i), Type: "aws_instance", Name: fmt.Sprintf("i%d", i),
						Region: "us-east-1", Action: plan.ActionNoOp, After: json.RawMessage(`{"instance_type":"t3.micro",` +
							`"ebs_block_device":[{"device_name":"/dev/sdf","volume_id":"` + id + `","volume_size":10}]}`)})
			}
			e := estimate.New(estimate.Options{Catalog: catalog.Embedded(), Registry: NewRegistry()})
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				p2 := &plan.Plan{File: p.File, Resources: p.Resources} // a fresh plan: the index is rebuilt each time
				e.Estimate(p2)
			}
		})
	}
}

// TestSpotNote: a spot line says which figure it charges (the catalog's
// average spot price) and, separately, what the Spot Instance Advisor
// publishes. us-east-1 m5.large: on-demand 0.096, spot_avg 0.03168
// (ec2_linux_reserved_spot.csv): 1 − 0.03168 / 0.096 = 0.67 → 67% below;
// ec2_spot_advisor.csv: 66% savings, band 15-20%. 0.03168 × 730 = 23.1264.
func TestSpotNote(t *testing.T) {
	const want = "spot: priced at the average spot price $0.03168 per hour (67% below on-demand $0.096); " +
		"Spot Advisor: 66% typical savings, interruption band 15-20%"
	r := priceOne(t, "aws_instance", `{"instance_type":"m5.large","instance_market_options":[{"market_type":"spot"}]}`, "", "us-east-1")
	c := comp(t, r, "Instance usage (Linux/UNIX, spot, m5.large)")
	if !strings.HasPrefix(c.Note, want) {
		t.Errorf("aws_instance spot note\n got %q\nwant %q…", c.Note, want)
	}
	assertCost(t, c.MonthlyCost, "23.1264")
	est := pricePlan(t, "us-east-1", resourceUsage("aws_autoscaling_group.this", "purchase_option: spot"),
		testResource{Type: "aws_autoscaling_group", Values: `{"desired_capacity":1}`,
			References: map[string][]string{"launch_template": {"aws_launch_template.app"}}},
		testResource{Type: "aws_launch_template", Name: "app", Values: `{"instance_type":"m5.large"}`})
	c = comp(t, est.Resources[0], "Instance usage (Linux, spot, m5.large)")
	if !strings.Contains(c.Note, want) {
		t.Errorf("ASG spot note\n got %q\nwant it to contain %q", c.Note, want)
	}
	assertCost(t, c.MonthlyCost, "23.1264")
}

// TestInstanceSavingsPlan: the catalog has no savings-plan rates, so usage
// gives the plan's hourly rate or its discount off on-demand (EC2 Instance
// Savings Plans are per family); it reprices on-demand hours only. us-east-1:
// m5.large linux 0.096, windows 0.188, spot_avg 0.03168, 1-yr standard no
// upfront 0.06; default root 8 GB gp2 × 0.1 = 0.8.
func TestInstanceSavingsPlan(t *testing.T) {
	const sp = "Instance usage (Linux/UNIX, savings plan, m5.large)"
	runCovCases(t, "aws_instance", []covCase{
		// 0.096 × (1 − 0.20) = 0.0768 × 730 = 56.064; + 0.8 = 56.864.
		{name: "discount percent", values: `{"instance_type":"m5.large"}`, usage: "savings_plan_discount_percent: 20",
			want: map[string]string{sp: "56.064"}, total: "56.864", note: map[string]string{sp: "the catalog has no savings-plan rates"}},
		// 0.06 × 730 = 43.8; + 0.8 = 44.6.
		{name: "rate", values: `{"instance_type":"m5.large"}`, usage: "savings_plan_rate: 0.06",
			want: map[string]string{sp: "43.8"}, total: "44.6", note: map[string]string{sp: "rate given in usage"}},
		// Windows: 0.188 × 0.9 = 0.1692 × 730 = 123.516; + 0.8 = 124.316.
		{name: "windows", values: `{"instance_type":"m5.large"}`, usage: "operating_system: windows\nsavings_plan_discount_percent: 10",
			want: map[string]string{"Instance usage (Windows, savings plan, m5.large)": "123.516"}, total: "124.316"},
		// Spot hours are not covered: 0.03168 × 730 = 23.1264; + 0.8 = 23.9264.
		{name: "spot unaffected", values: `{"instance_type":"m5.large","instance_market_options":[{"market_type":"spot"}]}`,
			usage: "savings_plan_discount_percent: 20", want: map[string]string{"Instance usage (Linux/UNIX, spot, m5.large)": "23.1264"},
			total: "23.9264"},
		// A reservation wins (with a warning): 0.06 × 730 = 43.8; + 0.8 = 44.6.
		{name: "reservation wins", values: `{"instance_type":"m5.large"}`,
			usage: "savings_plan_discount_percent: 20\nreserved_instance_type: standard\nreserved_instance_term: 1_year\nreserved_instance_payment_option: no_upfront",
			want:  map[string]string{"Instance usage (Linux/UNIX, reserved, m5.large)": "43.8"}, total: "44.6"},
	})
}
