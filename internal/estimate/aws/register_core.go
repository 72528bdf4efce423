package aws

import "github.com/tfcost/tfcost/internal/estimate"

// registerCore adds the foundation types (compute, storage, load balancing,
// NAT, public IPv4, RDS).
func registerCore(r *estimate.Registry) {
	r.Add(eip())
}
