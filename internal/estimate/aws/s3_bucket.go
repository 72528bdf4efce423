package aws

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
)

// s3BucketValues: nothing in the bucket's configuration drives cost; S3 is
// billed on what is stored and requested, which only usage can tell.
type s3BucketValues struct {
	Bucket *string `json:"bucket"`
}

// s3Line is one usage key of one storage class and how it is priced.
type s3Line struct {
	key, name, unit, item string
	// per divides the usage quantity into the price's unit (1,000 for
	// per-1k-request prices).
	per int64
}

// s3Class is one storage class block of the usage file (Infracost's keys).
type s3Class struct {
	key, label string
	lines      []s3Line
	// unpriced are keys Infracost reads that the catalog has no price for:
	// accepted, and shown as unpriced when given a non-zero value.
	unpriced []string
}

// Standard storage is tiered by the bucket's monthly volume: first 50 TB,
// next 450 TB, over 500 TB (price-list ranges 0–51,200 and 51,200–512,000 GB).
var (
	s3Tier1GB = estimate.Int(51200)
	s3Tier2GB = estimate.Int(512000)
)

const (
	s3Put = "PUT, COPY, POST, LIST requests"
	s3Get = "GET, SELECT, and all other requests"
)

var s3Classes = []s3Class{
	{key: "standard", label: "Standard", lines: []s3Line{
		{"storage_gb", "Storage", "GB", "Standard / Storage", 1},
		{"monthly_tier_1_requests", s3Put, "1k requests", "Standard / " + s3Put, 1000},
		{"monthly_tier_2_requests", s3Get, "1k requests", "Standard / " + s3Get, 1000},
	}, unpriced: []string{"monthly_select_data_scanned_gb", "monthly_select_data_returned_gb"}},
	{key: "intelligent_tiering", label: "Intelligent tiering", lines: []s3Line{
		{"frequent_access_storage_gb", "Storage (frequent access)", "GB", "Intelligent tiering / Storage (frequent access)", 1},
		{"infrequent_access_storage_gb", "Storage (infrequent access)", "GB", "Intelligent tiering / Storage (infrequent access)", 1},
		{"archive_access_storage_gb", "Storage (archive access)", "GB", "Intelligent tiering / Storage (archive access)", 1},
		{"deep_archive_access_storage_gb", "Storage (deep archive access)", "GB", "Intelligent tiering / Storage (deep archive access)", 1},
		{"monitored_objects", "Monitoring and automation", "1k objects", "Intelligent tiering / Monitoring and automation", 1000},
	}, unpriced: []string{"monthly_tier_1_requests", "monthly_tier_2_requests", "monthly_lifecycle_transition_requests",
		"monthly_select_data_scanned_gb", "monthly_select_data_returned_gb", "early_delete_gb"}},
	{key: "standard_infrequent_access", label: "Standard - infrequent access", lines: []s3Line{
		{"storage_gb", "Storage", "GB", "Standard - infrequent access / Storage", 1},
		{"monthly_tier_1_requests", s3Put, "1k requests", "Standard - infrequent access / " + s3Put, 1000},
		{"monthly_tier_2_requests", s3Get, "1k requests", "Standard - infrequent access / " + s3Get, 1000},
		{"monthly_data_retrieval_gb", "Retrievals", "GB", "Standard - infrequent access / Retrievals", 1},
	}, unpriced: []string{"monthly_lifecycle_transition_requests", "monthly_select_data_scanned_gb", "monthly_select_data_returned_gb"}},
	{key: "one_zone_infrequent_access", label: "One zone - infrequent access", lines: []s3Line{
		{"storage_gb", "Storage", "GB", "One zone - infrequent access / Storage", 1},
		{"monthly_tier_1_requests", s3Put, "1k requests", "One zone - infrequent access / " + s3Put, 1000},
		{"monthly_tier_2_requests", s3Get, "1k requests", "One zone - infrequent access / " + s3Get, 1000},
	}, unpriced: []string{"monthly_lifecycle_transition_requests", "monthly_data_retrieval_gb", "monthly_select_data_scanned_gb",
		"monthly_select_data_returned_gb"}},
	{key: "glacier_flexible_retrieval", label: "Glacier flexible retrieval", lines: []s3Line{
		{"storage_gb", "Storage", "GB", "Glacier flexible retrieval / Storage", 1},
		{"monthly_tier_1_requests", s3Put, "1k requests", "Glacier flexible retrieval / " + s3Put, 1000},
		{"monthly_standard_data_retrieval_gb", "Retrievals (standard)", "GB", "Glacier flexible retrieval / Retrievals (standard)", 1},
	}, unpriced: []string{"monthly_tier_2_requests", "monthly_lifecycle_transition_requests", "monthly_standard_select_data_scanned_gb",
		"monthly_standard_select_data_returned_gb", "monthly_bulk_select_data_scanned_gb", "monthly_bulk_select_data_returned_gb",
		"monthly_expedited_select_data_scanned_gb", "monthly_expedited_select_data_returned_gb", "monthly_standard_data_retrieval_requests",
		"monthly_expedited_data_retrieval_requests", "monthly_expedited_data_retrieval_gb", "early_delete_gb"}},
	{key: "glacier_deep_archive", label: "Glacier deep archive", lines: []s3Line{
		{"storage_gb", "Storage", "GB", "Glacier deep archive / Storage", 1},
		{"monthly_tier_1_requests", s3Put, "1k requests", "Glacier deep archive / " + s3Put, 1000},
		{"monthly_standard_data_retrieval_gb", "Retrievals (standard)", "GB", "Glacier deep archive / Retrievals (standard)", 1},
	}, unpriced: []string{"monthly_tier_2_requests", "monthly_lifecycle_transition_requests", "monthly_standard_data_retrieval_requests",
		"monthly_bulk_data_retrieval_requests", "monthly_bulk_data_retrieval_gb", "early_delete_gb"}},
	// Not in Infracost's usage schema; tfcost reads the same shape.
	{key: "glacier_instant_retrieval", label: "Glacier instant retrieval", lines: []s3Line{
		{"storage_gb", "Storage", "GB", "Glacier instant retrieval / Storage", 1},
		{"monthly_tier_1_requests", s3Put, "1k requests", "Glacier instant retrieval / " + s3Put, 1000},
		{"monthly_data_retrieval_gb", "Retrievals", "GB", "Glacier instant retrieval / Retrievals", 1},
	}, unpriced: []string{"monthly_tier_2_requests"}},
}

const keyS3ObjectTags = "object_tags"

func s3UsageKeys() []estimate.UsageKey {
	keys := []estimate.UsageKey{{Key: keyS3ObjectTags, Description: "Total object tags (no catalog price: unpriced when given)."}}
	for _, cl := range s3Classes {
		for _, l := range cl.lines {
			keys = append(keys, estimate.UsageKey{Key: cl.key + "." + l.key, Description: cl.label + ": " + l.name + " (" + l.unit + ")."})
		}
		for _, k := range cl.unpriced {
			keys = append(keys, estimate.UsageKey{Key: cl.key + "." + k, Description: cl.label + ": no catalog price; unpriced when given."})
		}
	}
	return keys
}

func s3Bucket() estimate.Rule {
	return estimate.Rule{
		Type:       "aws_s3_bucket",
		Components: []string{"Storage (per class; Standard in AWS's volume tiers)", "PUT-class requests", "GET-class requests", "Retrievals", "Monitoring and automation"},
		UsageKeys:  s3UsageKeys(),
		Notes:      "Usage-based only. Without usage, Standard storage and requests show their unit prices.",
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v s3BucketValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			var out []estimate.Component
			given := false
			for _, cl := range s3Classes {
				if _, ok := c.Usage.Get(cl.key); ok {
					given = true
					out = append(out, s3ClassComponents(c, cl)...)
				}
			}
			if !given {
				out = append(out, s3ClassComponents(c, s3Classes[0])...)
			}
			if q, ok := c.Usage.Number(keyS3ObjectTags); ok && q.IsPositive() {
				out = append(out, c.Unpriced(estimate.Line{Name: "Object tagging", Unit: "10k tags", Category: estimate.Storage},
					"no catalog price for S3 object tags"))
			}
			return out, nil
		},
	}
}

// s3ClassComponents prices one storage class block: every priced key (a
// missing key shows its unit price), plus unpriced keys given non-zero.
func s3ClassComponents(c *estimate.Context, cl s3Class) []estimate.Component {
	var out []estimate.Component
	for _, sl := range cl.lines {
		l := estimate.Line{Name: sl.name, Group: cl.label, Unit: sl.unit, Category: estimate.Storage, Service: "s3", Item: sl.item}
		q, ok := c.Usage.Number(cl.key + "." + sl.key)
		switch {
		case !ok:
			out = append(out, c.UsageQuantity(l, nil))
		case cl.key == "standard" && sl.key == "storage_gb":
			out = append(out, s3StandardStorage(c, l, q)...)
		default:
			q = q.Div(estimate.Int(sl.per))
			out = append(out, c.UsageQuantity(l, &q))
		}
	}
	for _, k := range cl.unpriced {
		if q, ok := c.Usage.Number(cl.key + "." + k); ok && q.IsPositive() {
			out = append(out, c.Unpriced(estimate.Line{Name: k, Group: cl.label, Category: estimate.Storage},
				fmt.Sprintf("no catalog price for %s %s", cl.label, k)))
		}
	}
	return out
}

// s3StandardStorage splits Standard storage into AWS's volume tiers.
func s3StandardStorage(c *estimate.Context, l estimate.Line, gb decimal.Decimal) []estimate.Component {
	t1 := decimal.Min(gb, s3Tier1GB)
	out := []estimate.Component{c.UsageQuantity(l, &t1)}
	if gb.GreaterThan(s3Tier1GB) {
		t2 := decimal.Min(gb, s3Tier2GB).Sub(s3Tier1GB)
		l2 := l
		l2.Name, l2.Item = "Storage (next 450 TB)", "Standard / Storage (next 450 TB)"
		out = append(out, c.UsageQuantity(l2, &t2))
	}
	if gb.GreaterThan(s3Tier2GB) {
		t3 := gb.Sub(s3Tier2GB)
		l3 := l
		l3.Name, l3.Item = "Storage (over 500 TB)", "Standard / Storage (over 500 TB)"
		out = append(out, c.UsageQuantity(l3, &t3))
	}
	if len(out) > 1 {
		out[0].Name = "Storage (first 50 TB)"
	}
	return out
}
