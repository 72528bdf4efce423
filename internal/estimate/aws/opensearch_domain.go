package aws

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
)

// opensearchDomainValues are the attributes of aws_opensearch_domain and
// aws_elasticsearch_domain that drive cost (the two share a schema here).
type opensearchDomainValues struct {
	ClusterConfig []struct {
		InstanceType           *string  `json:"instance_type"`
		InstanceCount          *float64 `json:"instance_count"`
		DedicatedMasterEnabled *bool    `json:"dedicated_master_enabled"`
		DedicatedMasterType    *string  `json:"dedicated_master_type"`
		DedicatedMasterCount   *float64 `json:"dedicated_master_count"`
		WarmEnabled            *bool    `json:"warm_enabled"`
		WarmType               *string  `json:"warm_type"`
		WarmCount              *float64 `json:"warm_count"`
	} `json:"cluster_config"`
	EBSOptions []struct {
		EBSEnabled *bool    `json:"ebs_enabled"`
		VolumeSize *float64 `json:"volume_size"`
		VolumeType *string  `json:"volume_type"`
	} `json:"ebs_options"`
}

// opensearchDomain and elasticsearchDomain price the same way.
func opensearchDomain() estimate.Rule { return searchDomainRule("aws_opensearch_domain") }

func searchDomainRule(typ string) estimate.Rule {
	return estimate.Rule{
		Type: typ,
		Components: []string{"Instance (on-demand, <type>)", "Instance (reserved …, <type>)", "Dedicated master (<type>)",
			"UltraWarm instance (<type>)", "Storage (EBS)"},
		UsageKeys: withScheduling(reservationTermKeys...),
		Notes:     "Reservations (reserved_instance_*) apply to data nodes. EBS storage of domains has no catalog price and is unpriced.",
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v opensearchDomainValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			var out []estimate.Component
			count := decimal.NewFromInt(1) // instance_count's default
			instType := ""
			if len(v.ClusterConfig) > 0 {
				instType = str(v.ClusterConfig[0].InstanceType)
				if v.ClusterConfig[0].InstanceCount != nil {
					count = estimate.Float(*v.ClusterConfig[0].InstanceCount)
				}
			}
			if instType == "" || c.Unknown("cluster_config") {
				// The provider fills its default type into the plan; a missing or
				// unknown one is reported rather than guessed.
				out = append(out, c.UnknownValue(estimate.Line{Name: "Instance", Unit: "hours", Category: estimate.ManagedServices},
					"cluster_config.instance_type"))
			} else {
				cc := v.ClusterConfig[0]
				out = append(out, searchInstances(c, "Instance", instType, count, true))
				if cc.DedicatedMasterEnabled != nil && *cc.DedicatedMasterEnabled {
					out = append(out, searchInstances(c, "Dedicated master", str(cc.DedicatedMasterType), covF(cc.DedicatedMasterCount), false))
				}
				if cc.WarmEnabled != nil && *cc.WarmEnabled {
					out = append(out, searchInstances(c, "UltraWarm instance", str(cc.WarmType), covF(cc.WarmCount), false))
				}
			}
			if len(v.EBSOptions) > 0 && v.EBSOptions[0].EBSEnabled != nil && *v.EBSOptions[0].EBSEnabled {
				e := v.EBSOptions[0]
				name := "Storage (EBS)"
				if t := str(e.VolumeType); t != "" {
					name = "Storage (EBS " + t + ")"
				}
				st := c.Unpriced(estimate.Line{Name: name, Unit: "GB", Category: estimate.Storage},
					"no catalog price for OpenSearch EBS storage")
				st.Note += fmt.Sprintf(" (%s GB × %s nodes)", covF(e.VolumeSize), count)
				out = append(out, st)
			}
			return out, nil
		},
	}
}

// searchType maps Elasticsearch-era names ("….elasticsearch") to the
// catalog's OpenSearch names ("….search").
func searchType(t string) string {
	return strings.Replace(t, ".elasticsearch", ".search", 1)
}

// searchInstances prices count nodes; data nodes may be reserved via usage.
func searchInstances(c *estimate.Context, what, instType string, count decimal.Decimal, reservable bool) estimate.Component {
	t := searchType(instType)
	l := estimate.Line{Name: fmt.Sprintf("%s (on-demand, %s)", what, t), Unit: "hours", Category: estimate.ManagedServices,
		Service: "opensearch", Item: t + "/on_demand"}
	if reservable {
		r, ok, err := covReadReservation(c)
		if err != nil {
			return covBadUsage(c, l, err)
		}
		if ok {
			l.Name = fmt.Sprintf("%s (%s, %s)", what, r.label(), t)
			l.Item = fmt.Sprintf("%s/reserved/%s/%s", t, r.Term, r.Payment)
			return covReservedLine(c, l, count, r)
		}
	}
	if g, ok := covGap(c, l, "OpenSearch "+t); ok {
		return g
	}
	return c.Hourly(l, count)
}
