package importer

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/catalog"
	"github.com/tfcost/tfcost/internal/failure"
)

const (
	sampleUSE2       = "testdata/aws_pricelist_AmazonEC2_offer_excerpt_us-east-2_v20230322145651.json"
	sampleUSE2Strict = "testdata/aws_pricelist_AmazonEC2_offer_excerpt_us-east-2_v20230322145651.strict.json"
	sampleCN         = "testdata/aws_pricelist_AmazonEC2_offer_excerpt_cn-northwest-1_v20230314154740.json"
	sampleECSCSV     = "testdata/aws_pricelist_csv_AmazonECS_eu-west-1_excerpt.csv"
	sampleRegionIdx  = "testdata/aws_pricelist_AmazonEC2_region_index_20250523.json"
)

func mustPrice(t *testing.T, c *catalog.Catalog, service, region, item, want, unit string) catalog.Price {
	t.Helper()
	p, ok := c.Exact(service, region, item)
	if !ok {
		t.Fatalf("%s %s %q: no price", service, region, item)
	}
	if !p.USD.Equal(decimal.RequireFromString(want)) || p.Unit != unit {
		t.Errorf("%s %s %q = %s %q, want %s %q", service, region, item, p.USD, p.Unit, want, unit)
	}
	return p
}

func TestImportNonStrictSampleFailsWithPosition(t *testing.T) {
	_, _, err := Import(context.Background(), []string{sampleUSE2}, Options{})
	var fe *failure.Error
	if !errors.As(err, &fe) {
		t.Fatalf("err = %v, want *failure.Error", err)
	}
	// The trailing comma ends line 170; the '}' it stands before is line 171,
	// column 8 (five tabs and two spaces precede it).
	if fe.Kind != failure.Input || fe.File != sampleUSE2 || fe.Line != 171 || fe.Column != 8 || !strings.Contains(fe.Msg, "trailing comma") {
		t.Errorf("got %+v", fe)
	}
}

func TestImportStrictSample(t *testing.T) {
	c, st, err := Import(context.Background(), []string{sampleUSE2Strict}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// gp3: pricePerUnit USD "0.0800000000", unit GB-Mo.
	p := mustPrice(t, c, "ebs", "us-east-2", "gp3 storage", "0.08", "USD per GB-month")
	if !strings.HasPrefix(p.Source, "PL1 AmazonEC2 v20230322145651 sku M6UGCCQ3CDJQAA37") || p.AsOf != "2023-03-22" {
		t.Errorf("source %q as-of %q", p.Source, p.AsOf)
	}
	// m5.large: the sample's only term is a 3-yr convertible All Upfront
	// reservation (upfront 1161) misfiled under OnDemand; effective hourly =
	// 1161 / (3 × 8760 h) = 0.04417808219… → 0.0441780822. ec2_linux_reserved_spot.csv
	// has 0.044178 for us-east-1 m5.large ri_3yr_conv_all_upfront (same price).
	mustPrice(t, c, "ec2", "us-east-2", "m5.large/linux/reserved/3yr/convertible/all_upfront", "0.0441780822", "USD per hour")
	// The sample has no on-demand rate for m5.large: nothing is invented.
	if _, ok := c.Exact("ec2", "us-east-2", "m5.large/linux/on_demand"); ok {
		t.Error("m5.large on-demand must be absent: the sample has no such rate")
	}
	// p3.8xlarge is Windows BYOL: not the licence-included windows price.
	if _, ok := c.Exact("ec2", "us-east-2", "p3.8xlarge/windows/on_demand"); ok {
		t.Error("Windows BYOL must not be imported as windows on-demand")
	}
	if st.Files != 1 || st.Products != 3 || st.Matched != 2 || st.Prices != 2 {
		t.Errorf("stats %+v", st)
	}
	if len(st.Warnings) != 1 || !strings.Contains(st.Warnings[0], "listed under OnDemand but has reserved attributes") {
		t.Errorf("warnings %q", st.Warnings)
	}
	if c.Date() != "2023-03-22" || len(c.Sources()) != 1 {
		t.Errorf("date %q sources %+v", c.Date(), c.Sources())
	}
}

func TestImportCNYSkipped(t *testing.T) {
	c, st, err := Import(context.Background(), []string{sampleCN}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if st.SkippedCurrency != 1 || st.Prices != 0 {
		t.Errorf("stats %+v", st)
	}
	if _, ok := c.Exact("ebs", "cn-northwest-1", "gp3 storage"); ok {
		t.Error("a CNY price must not enter the USD catalog")
	}
}

func TestImportCSV(t *testing.T) {
	// The sample ends with a line "INVALID" (line 21): an error by default.
	_, _, err := Import(context.Background(), []string{sampleECSCSV}, Options{})
	var fe *failure.Error
	if !errors.As(err, &fe) || fe.Line != 21 || !strings.Contains(fe.Msg, "row has 1 fields but the header has 27") {
		t.Fatalf("err = %v", err)
	}
	c, st, err := Import(context.Background(), []string{sampleECSCSV}, Options{SkipBadRows: true})
	if err != nil {
		t.Fatal(err)
	}
	// Rows of the sample, PricePerUnit column; the same figures are in
	// aws_unit_prices.csv for eu-west-1 (S6).
	for _, w := range []struct{ item, usd, unit string }{
		{"Linux/x86 vCPU hour", "0.04048", "USD per vCPU-hour"},
		{"Linux/x86 memory GB hour", "0.004445", "USD per GB-hour"},
		{"Linux/ARM vCPU hour", "0.03238", "USD per vCPU-hour"},
		{"Linux/ARM memory GB hour", "0.00356", "USD per GB-hour"},
		{"Windows/x86 vCPU hour", "0.09148", "USD per vCPU-hour"},
		{"Windows OS license per vCPU hour", "0.046", "USD per vCPU-hour"},
		{"Windows memory GB hour", "0.01005", "USD per GB-hour"},
		{"ephemeral storage above 20 GB", "0.000122", "USD per GB-hour"},
	} {
		p := mustPrice(t, c, "fargate", "eu-west-1", w.item, w.usd, w.unit)
		if p.AsOf != "2020-12-14" {
			t.Errorf("%s as-of %q", w.item, p.AsOf)
		}
	}
	if st.Prices != 8 || len(st.Warnings) != 1 {
		t.Errorf("stats %+v", st)
	}
}

func TestImportRegionIndexWithoutOfferFiles(t *testing.T) {
	c, st, err := Import(context.Background(), []string{sampleRegionIdx}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The real region index lists 101 locations; none of their offer files
	// is on disk, which is a warning, and the catalog is empty.
	if st.Prices != 0 || len(c.Services()) != 0 || !strings.Contains(strings.Join(st.Warnings, "\n"), "101 region offer files listed are not on local disk") {
		t.Errorf("stats %+v", st)
	}
}

// TestImportMirrorTree lays the samples out as a mirror of the bulk API
// (offer index → region index → regional offer file) and imports from the
// top, resolving the index URLs ("/offers/v1.0/aws/...") on disk.
func TestImportMirrorTree(t *testing.T) {
	root := t.TempDir()
	write := func(rel string, data []byte) {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	offer, err := os.ReadFile(sampleUSE2Strict)
	if err != nil {
		t.Fatal(err)
	}
	write("offers/v1.0/aws/AmazonEC2/20230322145651/us-east-2/index.json", offer)
	regionIdx, err := os.ReadFile(sampleRegionIdx)
	if err != nil {
		t.Fatal(err)
	}
	// The real region index points us-east-2 at version 20250523232744.
	write("offers/v1.0/aws/AmazonEC2/current/region_index.json",
		bytes.ReplaceAll(regionIdx, []byte("/AmazonEC2/20250523232744/us-east-2/"), []byte("/AmazonEC2/20230322145651/us-east-2/")))
	write("offers/v1.0/aws/index.json", []byte(`{"formatVersion":"v1.0","offers":{
		"AmazonEC2":{"offerCode":"AmazonEC2","currentVersionUrl":"/offers/v1.0/aws/AmazonEC2/current/index.json",
			"currentRegionIndexUrl":"/offers/v1.0/aws/AmazonEC2/current/region_index.json"},
		"AmazonS3":{"offerCode":"AmazonS3","currentVersionUrl":"/offers/v1.0/aws/AmazonS3/current/index.json"}}}`))
	c, st, err := Import(context.Background(), []string{filepath.Join(root, "offers/v1.0/aws/index.json")}, Options{Regions: []string{"us-east-2"}})
	if err != nil {
		t.Fatal(err)
	}
	mustPrice(t, c, "ebs", "us-east-2", "gp3 storage", "0.08", "USD per GB-month")
	if st.Files != 1 {
		t.Errorf("stats %+v", st)
	}
}

// offerFile writes a synthetic offer file in the Price List JSON layout.
type offerProduct struct {
	sku, family string
	attrs       map[string]string
}

type offerTerm struct {
	sku, code string
	attrs     map[string]string
	dims      [][4]string // unit, USD, beginRange, endRange
}

func writeOffer(t *testing.T, path, offerCode string, products []offerProduct, onDemand, reserved []offerTerm, termsFirst bool) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	writeOfferTo(w, offerCode, products, onDemand, reserved, termsFirst)
	closeOffer(t, f, w)
}

// closeOffer flushes and closes an offer file, failing the test if either
// fails (a short file would make the importer's errors the test's subject).
func closeOffer(t *testing.T, f *os.File, w *bufio.Writer) {
	t.Helper()
	err := w.Flush()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
}

// offerWriter writes a synthetic offer file. bufio.Writer keeps its first
// error and returns it from Flush, which closeOffer checks, so the single
// writes need no check.
type offerWriter struct{ w *bufio.Writer }

func (o offerWriter) str(s string) { _, _ = o.w.WriteString(s) }

func (o offerWriter) printf(format string, a ...any) { _, _ = fmt.Fprintf(o.w, format, a...) }

func writeOfferTo(bw *bufio.Writer, offerCode string, products []offerProduct, onDemand, reserved []offerTerm, termsFirst bool) {
	w := offerWriter{bw}
	w.printf("{\n\"formatVersion\" : \"v1.0\",\n\"offerCode\" : %q,\n\"version\" : \"20250501000000\",\n\"publicationDate\" : \"2025-05-01T00:00:00Z\",\n", offerCode)
	writeProducts := func() {
		w.str("\"products\" : {\n")
		for i, p := range products {
			a, _ := json.Marshal(p.attrs)
			w.printf("%q : {\"sku\" : %q, \"productFamily\" : %q, \"attributes\" : %s}", p.sku, p.sku, p.family, a)
			if i < len(products)-1 {
				w.str(",")
			}
			w.str("\n")
		}
		w.str("}")
	}
	writeTerms := func() {
		w.str("\"terms\" : {\n")
		for si, sec := range []struct {
			name  string
			terms []offerTerm
		}{{"OnDemand", onDemand}, {"Reserved", reserved}} {
			w.printf("%q : {\n", sec.name)
			bySKU := map[string][]offerTerm{}
			var order []string
			for _, tm := range sec.terms {
				if bySKU[tm.sku] == nil {
					order = append(order, tm.sku)
				}
				bySKU[tm.sku] = append(bySKU[tm.sku], tm)
			}
			for i, sku := range order {
				w.printf("%q : {", sku)
				for j, tm := range bySKU[sku] {
					w.printf("%q : {\"offerTermCode\" : %q, \"sku\" : %q, \"effectiveDate\" : \"2025-05-01T00:00:00Z\", \"priceDimensions\" : {", sku+"."+tm.code, tm.code, sku)
					for k, d := range tm.dims {
						rate := fmt.Sprintf("%s.%s.R%d", sku, tm.code, k)
						w.printf("%q : {\"rateCode\" : %q, \"description\" : \"x\", \"beginRange\" : %q, \"endRange\" : %q, \"unit\" : %q, \"pricePerUnit\" : {\"USD\" : %q}, \"appliesTo\" : []}",
							rate, rate, d[2], d[3], d[0], d[1])
						if k < len(tm.dims)-1 {
							w.str(",")
						}
					}
					a, _ := json.Marshal(tm.attrs)
					if tm.attrs == nil {
						a = []byte("{}")
					}
					w.printf("}, \"termAttributes\" : %s}", a)
					if j < len(bySKU[sku])-1 {
						w.str(",")
					}
				}
				w.str("}")
				if i < len(order)-1 {
					w.str(",")
				}
				w.str("\n")
			}
			w.str("}")
			if si == 0 {
				w.str(",")
			}
			w.str("\n")
		}
		w.str("}")
	}
	if termsFirst {
		writeTerms()
		w.str(",\n")
		writeProducts()
	} else {
		writeProducts()
		w.str(",\n")
		writeTerms()
	}
	w.str(",\n\"attributesList\" : { }\n}\n")
}

// ec2Attrs are the attributes of a us-east-1 Linux EC2 instance product.
func ec2Attrs(typ, tenancy string) map[string]string {
	return map[string]string{"servicecode": "AmazonEC2", "regionCode": "us-east-1", "instanceType": typ, "operatingSystem": "Linux",
		"tenancy": tenancy, "preInstalledSw": "NA", "capacitystatus": "Used", "licenseModel": "No License required"}
}

func TestImportRDSElastiCacheTiersTermsFirst(t *testing.T) {
	for _, termsFirst := range []bool{false, true} {
		t.Run(fmt.Sprintf("termsFirst=%v", termsFirst), func(t *testing.T) {
			dir := t.TempDir()
			rds := filepath.Join(dir, "rds.json")
			// rds_instance_hourly.csv us-east-1 db.t3.micro mysql: 0.017 on demand,
			// ri_1yr_all_upfront 0.01118721461 = 98 / 8760.
			writeOffer(t, rds, "AmazonRDS", []offerProduct{
				{"RDS1", "Database Instance", map[string]string{"servicecode": "AmazonRDS", "regionCode": "us-east-1", "instanceType": "db.t3.micro",
					"databaseEngine": "MySQL", "deploymentOption": "Single-AZ"}},
				{"RDS2", "Database Instance", map[string]string{"servicecode": "AmazonRDS", "regionCode": "us-east-1", "instanceType": "db.t3.micro",
					"databaseEngine": "Oracle", "deploymentOption": "Single-AZ"}},
			}, []offerTerm{
				{"RDS1", "JRTCKXETXF", nil, [][4]string{{"Hrs", "0.0170000000", "0", "Inf"}}},
				{"RDS2", "JRTCKXETXF", nil, [][4]string{{"Hrs", "0.0400000000", "0", "Inf"}}},
			}, []offerTerm{
				{"RDS1", "6QCMYABX3D", map[string]string{"LeaseContractLength": "1yr", "PurchaseOption": "All Upfront", "OfferingClass": "standard"},
					[][4]string{{"Quantity", "98", "", ""}, {"Hrs", "0.0000000000", "0", "Inf"}}},
			}, termsFirst)
			cache := filepath.Join(dir, "cache.json")
			// elasticache_node_hourly.csv us-east-1 cache.t3.micro redis 0.017.
			writeOffer(t, cache, "AmazonElastiCache", []offerProduct{
				{"EC1", "Cache Instance", map[string]string{"servicecode": "AmazonElastiCache", "regionCode": "us-east-1", "instanceType": "cache.t3.micro", "cacheEngine": "Redis"}},
			}, []offerTerm{{"EC1", "JRTCKXETXF", nil, [][4]string{{"Hrs", "0.017", "0", "Inf"}}}}, nil, termsFirst)
			ebs := filepath.Join(dir, "ebs.json")
			// eu-west-1 io2 IOPS tiers from aws_unit_prices.csv (S5): 0.072 up to
			// 32000, 0.0504 from 32000; the io1 IOPS item is untiered 0.072.
			writeOffer(t, ebs, "AmazonEC2", []offerProduct{
				{"IO1", "System Operation", map[string]string{"servicecode": "AmazonEC2", "regionCode": "eu-west-1", "volumeApiName": "io1", "usagetype": "EU-EBS:VolumeP-IOPS.piops"}},
				{"ST1", "Storage", map[string]string{"servicecode": "AmazonEC2", "regionCode": "eu-west-1", "volumeApiName": "st1"}},
				{"THR", "Provisioned Throughput", map[string]string{"servicecode": "AmazonEC2", "regionCode": "eu-west-1", "volumeApiName": "gp3"}},
			}, []offerTerm{
				{"ST1", "JRTCKXETXF", nil, [][4]string{{"GB-Mo", "0.0500000000", "0", "32000"}, {"GB-Mo", "0.0450000000", "32000", "Inf"}}},
				// 45.056 USD per GiBps-month ÷ 1024 = 0.044 USD per MiB/s-month
				{"THR", "JRTCKXETXF", nil, [][4]string{{"GiBps-mo", "45.0560000000", "0", "Inf"}}},
			}, nil, termsFirst)
			c, st, err := Import(context.Background(), []string{rds, cache, ebs}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			mustPrice(t, c, "rds", "us-east-1", "db.t3.micro/mysql/single-az/on_demand", "0.017", "USD per hour")
			// 98 / 8760 = 0.01118721461… → 0.0111872146
			mustPrice(t, c, "rds", "us-east-1", "db.t3.micro/mysql/single-az/reserved/1yr/all_upfront", "0.0111872146", "USD per hour")
			mustPrice(t, c, "elasticache", "us-east-1", "cache.t3.micro/redis/on_demand", "0.017", "USD per hour")
			// Tiered: the first tier is the item, the next "[from <beginRange>]".
			// (These st1 tiers are synthetic, to exercise the layout.)
			mustPrice(t, c, "ebs", "eu-west-1", "st1 storage", "0.05", "USD per GB-month")
			mustPrice(t, c, "ebs", "eu-west-1", "st1 storage [from 32000]", "0.045", "USD per GB-month")
			mustPrice(t, c, "ebs", "eu-west-1", "gp3 provisioned throughput above 125 MB/s", "0.044", "USD per MB/s-month")
			if st.Files != 3 || st.Products != 6 || st.Matched != 5 {
				t.Errorf("stats %+v", st)
			}
		})
	}
}

func TestImportAmbiguous(t *testing.T) {
	path := filepath.Join(t.TempDir(), "amb.json")
	// Two SKUs that both look like shared-tenancy Linux m5.large in us-east-1
	// with different prices (0.096 is the real one; 0.1 a conflicting copy),
	// and a third that agrees with the first.
	writeOffer(t, path, "AmazonEC2", []offerProduct{
		{"A", "Compute Instance", ec2Attrs("m5.large", "Shared")},
		{"B", "Compute Instance", ec2Attrs("m5.large", "Shared")},
		{"C", "Compute Instance", ec2Attrs("t3.micro", "Shared")},
		{"D", "Compute Instance", ec2Attrs("t3.micro", "Shared")},
		{"E", "Compute Instance", ec2Attrs("m5.large", "Dedicated")},
	}, []offerTerm{
		{"A", "JRTCKXETXF", nil, [][4]string{{"Hrs", "0.096", "0", "Inf"}}},
		{"B", "JRTCKXETXF", nil, [][4]string{{"Hrs", "0.1", "0", "Inf"}}},
		{"C", "JRTCKXETXF", nil, [][4]string{{"Hrs", "0.0104", "0", "Inf"}}},
		{"D", "JRTCKXETXF", nil, [][4]string{{"Hrs", "0.0104", "0", "Inf"}}},
		{"E", "JRTCKXETXF", nil, [][4]string{{"Hrs", "0.106", "0", "Inf"}}},
	}, nil, false)
	c, st, err := Import(context.Background(), []string{path}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Exact("ec2", "us-east-1", "m5.large/linux/on_demand"); ok {
		t.Error("an ambiguous price must be left out, not resolved by order")
	}
	if st.Ambiguous != 1 || !strings.Contains(strings.Join(st.Warnings, "\n"), "A 0.096 vs B 0.1") {
		t.Errorf("stats %+v", st)
	}
	// Agreeing SKUs are fine.
	p := mustPrice(t, c, "ec2", "us-east-1", "t3.micro/linux/on_demand", "0.0104", "USD per hour")
	if !strings.Contains(p.Source, "same price in SKUs D") {
		t.Errorf("source %q", p.Source)
	}
	_, _, err = Import(context.Background(), []string{path}, Options{Strict: true})
	var fe *failure.Error
	if !errors.As(err, &fe) || !strings.Contains(fe.Msg, "ambiguous price") {
		t.Errorf("strict: err = %v", err)
	}
}

func TestImportBadInputs(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, text string
		line, col  int
		msg        string
	}{
		{"not price list", "hello\n", 1, 1, "not an AWS Price List file"},
		{"truncated", "{\n\"offerCode\" : \"AmazonEC2\",\n\"products\" : {\n\"X\" : {\"sku\" : \"X\"", 4, 0, "ends in the middle"},
		{"wrong json", "{\"foo\": 1}\n", 1, 1, "without \"offers\", \"regions\" or \"products\""},
		{"products not object", "{\n\"products\" : [1]\n}", 2, 14, "unexpected ["},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_"))
			if err := os.WriteFile(p, []byte(tt.text), 0o644); err != nil {
				t.Fatal(err)
			}
			_, _, err := Import(context.Background(), []string{p}, Options{})
			var fe *failure.Error
			if !errors.As(err, &fe) || fe.Kind != failure.Input || fe.File != p || !strings.Contains(fe.Msg, tt.msg) {
				t.Fatalf("err = %v", err)
			}
			if fe.Line != tt.line || (tt.col != 0 && fe.Column != tt.col) {
				t.Errorf("position %d:%d, want %d:%d (%v)", fe.Line, fe.Column, tt.line, tt.col, err)
			}
		})
	}
	_, _, err := Import(context.Background(), []string{filepath.Join(dir, "missing.json")}, Options{})
	var fe *failure.Error
	if !errors.As(err, &fe) || fe.Kind != failure.Input {
		t.Errorf("missing file: %v", err)
	}
}

// TestImportWriteLoadEndToEnd imports a sample, writes the catalog file,
// loads it back as `tfcost --catalog FILE` does, and looks prices up.
func TestImportWriteLoadEndToEnd(t *testing.T) {
	c, _, err := Import(context.Background(), []string{sampleUSE2Strict, sampleECSCSV}, Options{SkipBadRows: true})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "imported.catalog")
	var buf bytes.Buffer
	if err := c.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := catalog.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	mustPrice(t, got, "ebs", "us-east-2", "gp3 storage", "0.08", "USD per GB-month")
	// 1161 / 26280 h, see TestImportStrictSample.
	mustPrice(t, got, "ec2", "us-east-2", "m5.large/linux/reserved/3yr/convertible/all_upfront", "0.0441780822", "USD per hour")
	mustPrice(t, got, "fargate", "eu-west-1", "Linux/x86 vCPU hour", "0.04048", "USD per vCPU-hour")
	// The imported catalog has no us-east-1 figure, so the fallback takes the
	// secondary fallback region's (us-east-2) figure, marked approximate.
	if p, ok := got.Lookup("ebs", "eu-north-1", "gp3 storage", true); !ok || !p.Approximate || p.Region != "us-east-2" {
		t.Errorf("fallback: got %+v, %v; want the us-east-2 figure marked approximate", p, ok)
	}
	if _, ok := got.Lookup("ebs", "eu-north-1", "gp3 storage", false); ok {
		t.Error("without fallback a region with no figure must find nothing")
	}
	if got.Date() != "2023-03-22" || len(got.Sources()) != 2 {
		t.Errorf("date %q sources %+v", got.Date(), got.Sources())
	}
}

// TestImportLargeFileMemory generates a large offer file (TFCOST_IMPORT_BIG_MB,
// e.g. 200) and reports the peak heap while importing it. Gated because it
// writes hundreds of MB and takes a while on a shared machine.
func TestImportLargeFileMemory(t *testing.T) {
	mb := os.Getenv("TFCOST_IMPORT_BIG_MB")
	if mb == "" {
		t.Skip("set TFCOST_IMPORT_BIG_MB=200 to run")
	}
	var target int64
	if _, err := fmt.Sscan(mb, &target); err != nil {
		t.Fatalf("TFCOST_IMPORT_BIG_MB=%q: %v", mb, err)
	}
	target <<= 20
	path := filepath.Join(t.TempDir(), "big.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	// Each product is ~900 bytes with its terms; 1 in 20 is a shared-tenancy
	// Linux instance the importer keeps, the others are dedicated hosts it
	// drops (as most of the real EC2 file is).
	perProduct := int64(1100)
	n := int(target / perProduct)
	var products []offerProduct
	var od, rs []offerTerm
	for i := 0; i < n; i++ {
		tenancy := "Dedicated"
		if i%20 == 0 {
			tenancy = "Shared"
		}
		sku := fmt.Sprintf("SKU%012d", i)
		a := ec2Attrs(fmt.Sprintf("x%d.large", i), tenancy)
		a["location"], a["usagetype"], a["operation"] = "US East (N. Virginia)", "BoxUsage:x.large", "RunInstances"
		products = append(products, offerProduct{sku, "Compute Instance", a})
		od = append(od, offerTerm{sku, "JRTCKXETXF", nil, [][4]string{{"Hrs", "0.0960000000", "0", "Inf"}}})
		rs = append(rs, offerTerm{sku, "6QCMYABX3D", map[string]string{"LeaseContractLength": "1yr", "PurchaseOption": "All Upfront", "OfferingClass": "standard"},
			[][4]string{{"Quantity", "494", "", ""}, {"Hrs", "0.0000000000", "0", "Inf"}}})
	}
	writeOfferTo(w, "AmazonEC2", products, od, rs, false)
	// products, od and rs are dead from here, so the GC below frees them.
	closeOffer(t, f, w)
	fi, _ := os.Stat(path)
	runtime.GC()

	var peak atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	start := time.Now()
	_, st, err := Import(context.Background(), []string{path}, Options{})
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	d := time.Since(start)
	t.Logf("file %.0f MB, %d products, %d matched, %d prices: %v (%.1f MB/s), peak heap in use %.1f MB",
		float64(fi.Size())/(1<<20), st.Products, st.Matched, st.Prices, d.Round(time.Millisecond),
		float64(fi.Size())/(1<<20)/d.Seconds(), float64(peak.Load())/(1<<20))
}

// An import whose context is already cancelled stops at the first SKU of the
// offer file (eachSKU checks before SKU 0) with the context's error.
func TestImportCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := Import(ctx, []string{sampleUSE2}, Options{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// TestProductAttrsMatchJSON keeps the JSON reader's attribute fields and the
// CSV reader's kept columns (productAttrs) the same set, so that a product
// maps to the same key from either format.
func TestProductAttrsMatchJSON(t *testing.T) {
	fromJSON := map[string]bool{"productfamily": true} // a product field, not an attribute, in JSON
	typ := reflect.TypeOf(attributesJSON{})
	for i := 0; i < typ.NumField(); i++ {
		fromJSON[normName(typ.Field(i).Tag.Get("json"))] = true
	}
	if !maps.Equal(fromJSON, productAttrs) {
		t.Errorf("attributesJSON fields %v differ from productAttrs %v", slices.Sorted(maps.Keys(fromJSON)), slices.Sorted(maps.Keys(productAttrs)))
	}
	if got := (attributesJSON{}).attrs("x"); len(got) != 1 {
		t.Errorf("empty attributes give %v", got)
	}
}
