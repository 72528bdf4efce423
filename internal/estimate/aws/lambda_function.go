package aws

import (
	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
)

// lambdaFunctionValues are the aws_lambda_function attributes that drive cost.
type lambdaFunctionValues struct {
	MemorySize       *float64 `json:"memory_size"`
	Architectures    []string `json:"architectures"`
	EphemeralStorage []struct {
		Size *float64 `json:"size"`
	} `json:"ephemeral_storage"`
}

// lambdaDefaultMemoryMB is what AWS gives a function whose memory_size is
// not set (absent or null); an unknown memory_size is not defaulted.
var lambdaDefaultMemoryMB = decimal.NewFromInt(128)

const (
	keyLambdaRequests   = "monthly_requests"
	keyLambdaDurationMS = "request_duration_ms"
	// keyLambdaDurationOld is the key of older Infracost usage files.
	keyLambdaDurationOld = "average_request_duration"
)

// Lambda's duration tiers (GB-seconds per month, per account and region;
// tfcost applies them per function, as Infracost does).
var (
	lambdaX86Tiers = []decimal.Decimal{decimal.NewFromInt(6_000_000_000), decimal.NewFromInt(9_000_000_000)}
	lambdaArmTiers = []decimal.Decimal{decimal.NewFromInt(7_500_000_000), decimal.NewFromInt(11_250_000_000)}
)

// lambdaFunction: requests per million, duration in GB-seconds with AWS's
// volume tiers (arm64 has its own), and ephemeral storage above 512 MB.
func lambdaFunction() estimate.Rule {
	return estimate.Rule{
		Type: "aws_lambda_function",
		Components: []string{"Requests", "Duration (x86, first 6B GB-seconds)", "Duration (x86, next 9B GB-seconds)",
			"Duration (x86, over 15B GB-seconds)", "Duration (arm64, first 7.5B GB-seconds)", "Duration (arm64, next 11.25B GB-seconds)",
			"Duration (arm64, over 18.75B GB-seconds)", "Ephemeral storage above 512 MB"},
		UsageKeys: []estimate.UsageKey{
			{Key: keyLambdaRequests, Description: "requests per month"},
			{Key: keyLambdaDurationMS, Description: "average duration of a request in milliseconds (rounded up to 1 ms); average_request_duration is read too"},
			{Key: keyLambdaDurationOld, Description: "average duration in milliseconds (the key of older Infracost usage files)"},
			{Key: keySavingsPlanPct, Description: "compute savings-plan discount off on-demand duration, in percent; the catalog has no savings-plan rates"},
		},
		Notes: "The free tier is not deducted. arm64 tiers above the first are not in the catalog and are reported unpriced when reached. " +
			"memory_size not set is AWS's default 128 MB; memory_size known only after apply leaves the duration unknown.",
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v lambdaFunctionValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			arm := len(v.Architectures) > 0 && v.Architectures[0] == "arm64"
			requests := covNum(c, keyLambdaRequests)
			out := []estimate.Component{lambdaRequests(c, requests)}
			switch {
			case v.MemorySize != nil:
				out = append(out, lambdaDuration(c, requests, estimate.Float(*v.MemorySize), arm, "")...)
			case c.Unknown("memory_size"):
				// GB-seconds scale with memory (128 MB to 10,240 MB): no guess.
				out = append(out, covUnknown(c, lambdaDurationLines(arm)[0], "memory_size"))
			default:
				out = append(out, lambdaDuration(c, requests, lambdaDefaultMemoryMB, arm,
					"memory_size not set: AWS's default 128 MB")...)
			}
			if len(v.EphemeralStorage) > 0 && v.EphemeralStorage[0].Size != nil {
				if extra := estimate.Float(*v.EphemeralStorage[0].Size).Sub(decimal.NewFromInt(512)); extra.IsPositive() {
					out = append(out, lambdaEphemeral(c, requests, extra))
				}
			}
			return out, nil
		},
	}
}

func lambdaRequests(c *estimate.Context, requests *decimal.Decimal) estimate.Component {
	return c.UsageQuantity(estimate.Line{Name: "Requests", Unit: "1M requests", Category: estimate.Compute,
		Service: "lambda", Item: "requests"}, covPer(requests, 1_000_000))
}

// lambdaSeconds is the billed seconds per request (duration rounded up to
// 1 ms); nil when usage does not give the duration: GB-seconds are then
// usage-dependent, not a guess at AWS's 1 ms minimum.
func lambdaSeconds(c *estimate.Context) *decimal.Decimal {
	ms, ok := c.Usage.Number(keyLambdaDurationMS)
	if !ok {
		ms, ok = c.Usage.Number(keyLambdaDurationOld)
	}
	if !ok {
		return nil
	}
	s := ms.Ceil().Div(decimal.NewFromInt(1000))
	return &s
}

// lambdaDurationLines are the duration tiers' lines for an architecture.
func lambdaDurationLines(arm bool) []estimate.Line {
	type tier struct{ name, item string }
	tiers := []tier{{"Duration (x86, first 6B GB-seconds)", "duration x86 (first 6B GB-s/month)"},
		{"Duration (x86, next 9B GB-seconds)", "duration x86 (next 9B GB-s)"},
		{"Duration (x86, over 15B GB-seconds)", "duration x86 (over 15B GB-s)"}}
	if arm {
		tiers = []tier{{"Duration (arm64, first 7.5B GB-seconds)", "duration arm64 (first 7.5B GB-s/month)"},
			{"Duration (arm64, next 11.25B GB-seconds)", "duration arm64 (next 11.25B GB-s)"},
			{"Duration (arm64, over 18.75B GB-seconds)", "duration arm64 (over 18.75B GB-s)"}}
	}
	out := make([]estimate.Line, len(tiers))
	for i, t := range tiers {
		out[i] = estimate.Line{Name: t.name, Unit: "GB-seconds", Category: estimate.Compute, Service: "lambda", Item: t.item}
	}
	return out
}

// lambdaDuration prices GB-seconds across the tiers; note (e.g. a defaulted
// memory size) goes on every line.
func lambdaDuration(c *estimate.Context, requests *decimal.Decimal, memMB decimal.Decimal, arm bool, note string) []estimate.Component {
	lines := lambdaDurationLines(arm)
	limits := lambdaX86Tiers
	if arm {
		limits = lambdaArmTiers
	}
	line := func(i int) estimate.Line {
		l := lines[i]
		l.Note = note
		return l
	}
	secs := lambdaSeconds(c)
	if requests == nil || secs == nil {
		comp := c.UsageQuantity(lines[0], nil)
		comp.Note = joinNotes(comp.Note, note)
		return []estimate.Component{comp}
	}
	gbs := requests.Mul(memMB.Div(decimal.NewFromInt(1024))).Mul(*secs)
	var out []estimate.Component
	for i, q := range covTiers(gbs, limits...) {
		if i > 0 && !q.IsPositive() {
			break
		}
		l := line(i)
		if g, ok := covGap(c, l, "Lambda "+l.Name); ok {
			out = append(out, g)
			continue
		}
		out = append(out, covSavingsPct(c, c.UsageQuantity(l, &q)))
	}
	return out
}

func lambdaEphemeral(c *estimate.Context, requests *decimal.Decimal, extraMB decimal.Decimal) estimate.Component {
	l := estimate.Line{Name: "Ephemeral storage above 512 MB", Unit: "GB-seconds", Category: estimate.Storage,
		Service: "lambda", Item: "ephemeral storage above 512 MB"}
	secs := lambdaSeconds(c)
	if requests == nil || secs == nil {
		return c.UsageQuantity(l, nil)
	}
	q := requests.Mul(extraMB.Div(decimal.NewFromInt(1024))).Mul(*secs)
	return c.UsageQuantity(l, &q)
}
