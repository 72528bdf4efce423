package aws

import (
	"encoding/json"
	"sync"
	"testing"

	"github.com/tfcost/tfcost/internal/catalog"
	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/plan"
)

// TestPlanIndexPerPlan: plans priced at the same time each get their own
// index; one plan's volumes never decide another's. Plan a's instance has
// its attached volume in the plan (t3.micro 0.0104 × 730 = 7.592 + default
// root 8 GB × 0.1 = 0.8 → 8.392); plan b holds a volume with another id, so
// its instance keeps the 100 GB gp2 device: 8.392 + 100 × 0.1 = 18.392.
func TestPlanIndexPerPlan(t *testing.T) {
	mk := func(volumeID string) *plan.Plan {
		return &plan.Plan{File: volumeID, Resources: []*plan.Resource{
			{Address: "aws_instance.web", Type: "aws_instance", Name: "web", Region: "us-east-1", Action: plan.ActionNoOp,
				After: json.RawMessage(`{"instance_type":"t3.micro","ebs_block_device":[{"device_name":"/dev/sdf","volume_id":"vol-a","volume_size":100}]}`)},
			{Address: "aws_ebs_volume.data", Type: "aws_ebs_volume", Name: "data", Region: "us-east-1", Action: plan.ActionNoOp,
				After: json.RawMessage(`{"id":"` + volumeID + `","size":100,"type":"gp2"}`)},
		}}
	}
	e := estimate.New(estimate.Options{Catalog: catalog.Embedded(), Registry: NewRegistry()})
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			assertTotal(t, e.Estimate(mk("vol-a")).Resources[0], "8.392")
		}()
		go func() {
			defer wg.Done()
			assertTotal(t, e.Estimate(mk("vol-b")).Resources[0], "18.392")
		}()
	}
	wg.Wait()
}
