package aws

import (
	"strings"
	"testing"

	"github.com/tfcost/tfcost/internal/estimate"
)

// aws_unit_prices.csv, us-east-1, service fargate: Linux/x86 0.04048 per
// vCPU-hour and 0.004445 per GB-hour (S4); Linux/ARM 0.03238 and 0.00356;
// Windows/x86 0.09148 + licence 0.046 per vCPU-hour and 0.01005 per GB-hour;
// ephemeral storage above 20 GB 0.000111 per GB-hour (S7).
func ecsPlan(t *testing.T, service, taskDef, usageKeys string) *estimate.Resource {
	t.Helper()
	svc := testResource{Type: "aws_ecs_service", Name: "svc", Values: service,
		References: map[string][]string{"task_definition": {"aws_ecs_task_definition.app"}}}
	td := testResource{Type: "aws_ecs_task_definition", Name: "app", Values: taskDef}
	est := pricePlan(t, "us-east-1", resourceUsage(svc.Address(), usageKeys), svc, td)
	if est.Resources[1].Status != estimate.StatusFree {
		t.Errorf("task definition should be free, is %s", est.Resources[1].Status)
	}
	return est.Resources[0]
}

func TestECSService(t *testing.T) {
	tests := []struct {
		name, service, taskDef, usage string
		want                          map[string]string
		total                         string
	}{
		// 2 tasks × 1 vCPU × 730 × 0.04048 = 59.1008; 2 × 2 GB × 730 × 0.004445 = 12.9794
		{name: "fargate x86", service: `{"launch_type":"FARGATE","desired_count":2}`,
			taskDef: `{"family":"app","cpu":"1024","memory":"2048","requires_compatibilities":["FARGATE"]}`,
			want:    map[string]string{"Fargate vCPU (Linux/x86)": "59.1008", "Fargate memory (Linux/x86)": "12.9794"}, total: "72.0802"},
		// 4 × 0.5 vCPU × 730 × 0.03238 = 47.2748; 4 × 1 GB × 730 × 0.00356 = 10.3952
		{name: "fargate arm", service: `{"launch_type":"FARGATE","desired_count":4}`,
			taskDef: `{"family":"app","cpu":"512","memory":"1024","runtime_platform":[{"cpu_architecture":"ARM64","operating_system_family":"LINUX"}]}`,
			want:    map[string]string{"Fargate vCPU (Linux/ARM)": "47.2748", "Fargate memory (Linux/ARM)": "10.3952"}, total: "57.67"},
		// 1 vCPU × 730 × 0.09148 = 66.7804; 2 GB × 730 × 0.01005 = 14.673; licence 730 × 0.046 = 33.58
		{name: "fargate windows with unit strings", service: `{"launch_type":"FARGATE","desired_count":1}`,
			taskDef: `{"family":"app","cpu":"1 vCPU","memory":"2 GB","runtime_platform":[{"operating_system_family":"WINDOWS_SERVER_2019_CORE"}]}`,
			want: map[string]string{"Fargate vCPU (Windows/x86)": "66.7804", "Fargate memory (Windows/x86)": "14.673",
				"Fargate Windows OS license": "33.58"}, total: "115.0334"},
		// ephemeral 50 GB: (50-20) × 730 × 0.000111 = 2.4309; 0.25 vCPU × 730 × 0.04048 = 7.3876; 0.5 GB × 730 × 0.004445 = 1.622425; sum 11.440925
		{name: "ephemeral storage above 20 GB", service: `{"launch_type":"FARGATE","desired_count":1}`,
			taskDef: `{"family":"app","cpu":"256","memory":"512","ephemeral_storage":[{"size_in_gib":50}]}`,
			want:    map[string]string{"Fargate ephemeral storage above 20 GB": "2.4309"}, total: "11.440925"},
		// 10 tasks: FARGATE base 2 + 8 × 1/4 = 4, FARGATE_SPOT 6 (unpriced).
		// 4 × 0.25 vCPU × 730 × 0.04048 = 29.5504; 4 × 0.5 GB × 730 × 0.004445 = 6.4897
		{name: "capacity provider strategy with spot", service: `{"desired_count":10,"capacity_provider_strategy":[
			{"capacity_provider":"FARGATE","base":2,"weight":1},{"capacity_provider":"FARGATE_SPOT","weight":3}]}`,
			taskDef: `{"family":"app","cpu":"256","memory":"512"}`,
			want:    map[string]string{"Fargate vCPU (Linux/x86)": "29.5504", "Fargate memory (Linux/x86)": "6.4897", "Fargate Spot tasks": ""},
			total:   "36.0401"},
		// scheduled: 2 tasks × 1 vCPU × 200 h × 0.04048 = 16.192; 2 × 2 GB × 200 × 0.004445 = 3.556
		{name: "scheduling keys", service: `{"launch_type":"FARGATE","desired_count":2}`, usage: "monthly_hrs: 200",
			taskDef: `{"family":"app","cpu":"1024","memory":"2048"}`,
			want:    map[string]string{"Fargate vCPU (Linux/x86)": "16.192", "Fargate memory (Linux/x86)": "3.556"}, total: "19.748"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ecsPlan(t, tt.service, tt.taskDef, tt.usage)
			for name, want := range tt.want {
				assertMonthly(t, r, name, want)
			}
			assertTotal(t, r, tt.total)
		})
	}
}

func TestECSServiceSpecialCases(t *testing.T) {
	td := `{"family":"app","cpu":"256","memory":"512"}`
	// EC2 launch type: no components, a note.
	for _, svc := range []string{`{"launch_type":"EC2","desired_count":3}`,
		`{"desired_count":3,"capacity_provider_strategy":[{"capacity_provider":"my-asg-provider","weight":1}]}`} {
		r := ecsPlan(t, svc, td, "")
		if len(r.Components) != 0 || !strings.Contains(r.Note, "EC2 launch type") || r.Status != estimate.StatusPriced {
			t.Errorf("%s: want a note and no components, got %+v", svc, r)
		}
	}
	// Spot share is unpriced with an explanation, never a guessed discount.
	r := ecsPlan(t, `{"desired_count":2,"capacity_provider_strategy":[{"capacity_provider":"FARGATE_SPOT","weight":1}]}`, td, "")
	if c := comp(t, r, "Fargate Spot tasks"); !c.Unpriced || !strings.Contains(c.Note, "2 of 2 tasks") {
		t.Errorf("spot: %+v", c)
	}
	assertMonthly(t, r, "Fargate vCPU (Linux/x86)", "0")
	// Unknown desired_count is reported.
	svc := testResource{Type: "aws_ecs_service", Name: "svc", Values: `{"launch_type":"FARGATE"}`, Unknown: `{"desired_count":true}`,
		References: map[string][]string{"task_definition": {"aws_ecs_task_definition.app"}}}
	est := pricePlan(t, "us-east-1", "", svc, testResource{Type: "aws_ecs_task_definition", Name: "app", Values: td})
	if c := comp(t, est.Resources[0], "Fargate vCPU (Linux/x86)"); !c.Unknown {
		t.Errorf("unknown desired_count: %+v", c)
	}
	// Without a configuration reference the family in the ARN finds the task definition.
	// 1 task × 0.25 vCPU × 730 × 0.04048 = 7.3876
	svc = testResource{Type: "aws_ecs_service", Name: "svc",
		Values: `{"launch_type":"FARGATE","desired_count":1,"task_definition":"arn:aws:ecs:us-east-1:123456789012:task-definition/web:3"}`}
	est = pricePlan(t, "us-east-1", "", svc, testResource{Type: "aws_ecs_task_definition", Name: "other", Values: `{"family":"web","cpu":"256","memory":"512"}`})
	assertMonthly(t, est.Resources[0], "Fargate vCPU (Linux/x86)", "7.3876")
	// A task definition outside the plan cannot be sized.
	svc.Values = `{"launch_type":"FARGATE","desired_count":1,"task_definition":"missing:1"}`
	est = pricePlan(t, "us-east-1", "", svc)
	if c := comp(t, est.Resources[0], "Fargate vCPU (Linux/x86)"); !c.Unpriced || !strings.Contains(c.Note, "missing:1") {
		t.Errorf("missing task definition: %+v", c)
	}
	// No launch type, Fargate-only task definition → Fargate.
	r = ecsPlan(t, `{"desired_count":1}`, `{"family":"app","cpu":"256","memory":"512","requires_compatibilities":["FARGATE"]}`, "")
	assertMonthly(t, r, "Fargate vCPU (Linux/x86)", "7.3876")
}

func TestParseTaskSize(t *testing.T) {
	for in, want := range map[string]string{"1024": "1", "256": "0.25", "2 vCPU": "2", "0.5 vcpu": "0.5"} {
		got, ok := parseVCPU(in)
		if !ok || got.String() != want {
			t.Errorf("parseVCPU(%q) = %s,%v want %s", in, got, ok, want)
		}
	}
	for in, want := range map[string]string{"2048": "2", "512": "0.5", "4 GB": "4", "8GB": "8", "3 GiB": "3"} {
		got, ok := parseMemoryGB(in)
		if !ok || got.String() != want {
			t.Errorf("parseMemoryGB(%q) = %s,%v want %s", in, got, ok, want)
		}
	}
	if _, ok := parseVCPU("lots"); ok {
		t.Error("bad cpu parsed")
	}
}
