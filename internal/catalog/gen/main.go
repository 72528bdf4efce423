// Command gen builds internal/catalog/catalog.data from the sourced figures in
// shared/pricing (see its SOURCES.md). It is run by `go generate` in
// internal/catalog:
//
//	go run ./gen -in ../../../shared/pricing -out catalog.data
//
// Every price keeps its unit, its source (ID and detail) and its as-of date.
// Nothing is extrapolated: a figure absent from the CSVs is absent from the
// catalog. Two unit conversions are applied so that one (service, item) has
// one unit in every region; both are exact and the source detail says so.
package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/catalog"
)

func main() {
	in := flag.String("in", "../../../shared/pricing", "directory holding the pricing CSVs and SOURCES.md")
	out := flag.String("out", "catalog.data", "catalog file to write")
	flag.Parse()
	c, err := Build(*in)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	var buf bytes.Buffer
	if err := c.Write(&buf); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// Build reads every file of the pricing directory into a catalog.
func Build(dir string) (*catalog.Catalog, error) {
	b := &builder{dir: dir, c: catalog.New(), units: map[[2]string]string{}}
	steps := []func() error{
		b.sources, b.ec2Linux, b.ec2ByOS, b.ec2ReservedSpot, b.spotAdvisor, b.specs,
		b.rds, b.elasticache, b.opensearch, b.unitPrices, b.regionalUnitPrices, b.dataTransfer, b.terracost,
	}
	for _, s := range steps {
		if err := s(); err != nil {
			return nil, err
		}
	}
	b.c.SetDate(b.newest)
	return b.c, nil
}

type builder struct {
	dir    string
	c      *catalog.Catalog
	newest string
	// units is the unit of each (service, item) seen so far: one item must
	// have one unit everywhere, or rules would multiply the wrong quantity.
	units map[[2]string]string
}

func (b *builder) add(service, region, item string, usd decimal.Decimal, unit, source, asOf string) error {
	k := [2]string{service, item}
	if u, ok := b.units[k]; ok && u != unit {
		return fmt.Errorf("%s %q: unit %q in %s differs from %q elsewhere; add an exact conversion", service, item, unit, region, u)
	}
	b.units[k] = unit
	if _, dup := b.c.Exact(service, region, item); dup {
		return fmt.Errorf("%s %s %q is priced twice", service, region, item)
	}
	b.c.Add(service, region, item, catalog.Price{USD: usd, Unit: unit, Source: source, AsOf: asOf, Region: region})
	b.seen(asOf)
	return nil
}

func (b *builder) seen(asOf string) {
	if len(asOf) == len("2006-01-02") && asOf > b.newest {
		b.newest = asOf
	}
}

// readCSV returns the rows of a CSV as maps keyed by the header.
func (b *builder) readCSV(name string) ([]map[string]string, error) {
	f, err := os.Open(filepath.Join(b.dir, name))
	if err != nil {
		return nil, err
	}
	defer f.Close() //nolint:errcheck // opened read-only: Close cannot lose data
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var rows []map[string]string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		m := make(map[string]string, len(header))
		for i, h := range header {
			m[h] = strings.TrimSpace(rec[i])
		}
		rows = append(rows, m)
	}
}

func dec(file, s string) (decimal.Decimal, error) {
	d, err := decimal.NewFromString(s)
	if err != nil {
		return d, fmt.Errorf("%s: price %q is not a number", file, s)
	}
	return d, nil
}

// As-of dates of the instance files, from SOURCES.md §1.
const (
	asOfS1  = "2026-07-20" // Karpenter generated price tables
	asOfS1b = "2026-07-11" // Karpenter instance-type reference page
	asOfS2  = "2025-04-24" // ec2instances.info data files
	asOfS3  = "2025-06-28" // Spot Instance Advisor snapshot
)

// karpenterRegions are the ec2_ondemand_linux.csv regions that come from S1.
var karpenterRegions = map[string]bool{"us-east-1": true, "us-gov-east-1": true, "us-gov-west-1": true}

func (b *builder) ec2Linux() error {
	const file = "ec2_ondemand_linux.csv"
	rows, err := b.readCSV(file)
	if err != nil {
		return err
	}
	for _, r := range rows {
		usd, err := dec(file, r["usd_per_hour"])
		if err != nil {
			return err
		}
		src, asOf := "S2 ec2instances.info instances.json pricing[region].linux.ondemand", asOfS2
		if karpenterRegions[r["region"]] {
			src, asOf = "S1 karpenter zz_generated.pricing (Linux, shared tenancy, on-demand)", asOfS1
		}
		if err := b.add("ec2", r["region"], r["instance_type"]+"/linux/on_demand", usd, "USD per hour", src, asOf); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) ec2ByOS() error {
	const file = "ec2_ondemand_by_os.csv"
	rows, err := b.readCSV(file)
	if err != nil {
		return err
	}
	for _, r := range rows {
		for _, col := range []string{"windows", "rhel", "sles", "ebs_optimized_surcharge"} {
			if r[col] == "" {
				continue // not offered
			}
			usd, err := dec(file, r[col])
			if err != nil {
				return err
			}
			item := r["instance_type"] + "/" + col + "/on_demand"
			src := "S2 ec2instances.info instances.json " + col + " on-demand"
			if col == "ebs_optimized_surcharge" {
				item = r["instance_type"] + "/ebs_optimized"
				src = "S2 ec2instances.info instances.json ebs_optimized surcharge"
			}
			if err := b.add("ec2", r["region"], item, usd, "USD per hour", src, asOfS2); err != nil {
				return err
			}
		}
	}
	return nil
}

var terms = []struct{ col, item string }{
	{"1yr", "1yr"}, {"3yr", "3yr"},
}

var payments = []struct{ col, item string }{
	{"no_upfront", "no_upfront"}, {"partial_upfront", "partial_upfront"}, {"all_upfront", "all_upfront"},
}

func (b *builder) ec2ReservedSpot() error {
	const file = "ec2_linux_reserved_spot.csv"
	rows, err := b.readCSV(file)
	if err != nil {
		return err
	}
	for _, r := range rows {
		for _, t := range terms {
			for _, class := range []struct{ col, item string }{{"std", "standard"}, {"conv", "convertible"}} {
				for _, p := range payments {
					col := "ri_" + t.col + "_" + class.col + "_" + p.col
					if r[col] == "" {
						continue
					}
					usd, err := dec(file, r[col])
					if err != nil {
						return err
					}
					item := fmt.Sprintf("%s/linux/reserved/%s/%s/%s", r["instance_type"], t.item, class.item, p.item)
					if err := b.add("ec2", r["region"], item, usd, "USD per hour",
						"S2 ec2instances.info "+col+" (effective hourly, upfront amortised)", asOfS2); err != nil {
						return err
					}
				}
			}
		}
		if r["spot_avg"] != "" {
			usd, err := dec(file, r["spot_avg"])
			if err != nil {
				return err
			}
			if err := b.add("ec2", r["region"], r["instance_type"]+"/linux/spot", usd, "USD per hour",
				"S2 ec2instances.info spot_avg (average over AZs when scraped; spot prices float)", asOfS2); err != nil {
				return err
			}
		}
	}
	return nil
}

func (b *builder) spotAdvisor() error {
	rows, err := b.readCSV("ec2_spot_advisor.csv")
	if err != nil {
		return err
	}
	for _, r := range rows {
		if r["os"] != "linux" {
			continue // Catalog.Spot is Linux only
		}
		pct, err := strconv.Atoi(r["spot_savings_pct_vs_ondemand"])
		if err != nil {
			return fmt.Errorf("ec2_spot_advisor.csv: savings %q is not an integer", r["spot_savings_pct_vs_ondemand"])
		}
		b.c.SetSpot(r["region"], r["instance_type"], catalog.SpotAdvice{SavingsPercent: pct, Band: r["interruption_frequency_band"]})
	}
	b.seen(asOfS3)
	return nil
}

func (b *builder) specs() error {
	const file = "ec2_instance_specs.csv"
	rows, err := b.readCSV(file)
	if err != nil {
		return err
	}
	for _, r := range rows {
		vcpu, err1 := dec(file, r["vcpu"])
		mem, err2 := dec(file, r["memory_gib"])
		gpus, err3 := strconv.Atoi(r["gpu_count"])
		if err := errors.Join(err1, err2, err3); err != nil {
			return fmt.Errorf("%s %s: %w", file, r["instance_type"], err)
		}
		b.c.SetSpec(r["instance_type"], catalog.Spec{VCPU: vcpu, MemoryGiB: mem, Arch: r["arch"], GPUCount: gpus, GPUModel: r["gpu_model"]})
	}
	b.seen(asOfS1b)
	return nil
}

// managed adds on-demand and reserved rows of the RDS, ElastiCache and
// OpenSearch files; prefix builds the item prefix from a row.
func (b *builder) managed(file, service, what string, prefix func(map[string]string) string) error {
	rows, err := b.readCSV(file)
	if err != nil {
		return err
	}
	for _, r := range rows {
		p := prefix(r)
		usd, err := dec(file, r["usd_per_hour"])
		if err != nil {
			return err
		}
		if err := b.add(service, r["region"], p+"/on_demand", usd, "USD per hour", "S2 ec2instances.info "+what+" on-demand", asOfS2); err != nil {
			return err
		}
		for _, t := range terms {
			for _, pay := range payments {
				col := "ri_" + t.col + "_" + pay.col
				if r[col] == "" {
					continue
				}
				usd, err := dec(file, r[col])
				if err != nil {
					return err
				}
				if err := b.add(service, r["region"], p+"/reserved/"+t.item+"/"+pay.item, usd, "USD per hour",
					"S2 ec2instances.info "+what+" "+col+" (effective hourly, upfront amortised)", asOfS2); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func (b *builder) rds() error {
	return b.managed("rds_instance_hourly.csv", "rds", "rds-instances.json", func(r map[string]string) string {
		return r["instance_class"] + "/" + r["engine"] + "/" + r["deployment"]
	})
}

func (b *builder) elasticache() error {
	return b.managed("elasticache_node_hourly.csv", "elasticache", "elasticache-instances.json", func(r map[string]string) string {
		return r["node_type"] + "/" + r["engine"]
	})
}

func (b *builder) opensearch() error {
	return b.managed("opensearch_instance_hourly.csv", "opensearch", "opensearch-instances.json", func(r map[string]string) string {
		return r["instance_type"]
	})
}

// normService drops the parenthetical of aws_unit_prices.csv's service names:
// "public_ipv4 (eip)" → "public_ipv4", "fargate (ecs/eks)" → "fargate".
func normService(s string) string {
	if i := strings.Index(s, " ("); i >= 0 {
		return s[:i]
	}
	return s
}

// convert brings the few units that differ between sources to one unit per
// item. Both conversions are exact (÷1024, ×10^6).
func convert(usd decimal.Decimal, unit string) (decimal.Decimal, string, string) {
	switch unit {
	case "USD per GiBps-month":
		// gp3 throughput is billed per MiB/s; 1 GiB/s = 1024 MiB/s, and a
		// division by a power of two is exact in decimal.
		return usd.DivRound(decimal.NewFromInt(1024), 16), "USD per MB/s-month",
			fmt.Sprintf(" (converted from %s USD per GiBps-month ÷ 1024)", usd)
	case "USD per I/O":
		return usd.Mul(decimal.NewFromInt(1_000_000)), "USD per 1M requests",
			fmt.Sprintf(" (converted from %s USD per I/O × 10^6)", usd)
	}
	return usd, unit, ""
}

func (b *builder) unitPrices() error {
	const file = "aws_unit_prices.csv"
	rows, err := b.readCSV(file)
	if err != nil {
		return err
	}
	for _, r := range rows {
		usd, err := dec(file, r["usd"])
		if err != nil {
			return err
		}
		usd, unit, note := convert(usd, r["unit"])
		src := r["source"] + "; " + r["method"] + note
		if err := b.add(normService(r["service"]), r["region"], r["component"], usd, unit, src, asOfDate(r["as_of"])); err != nil {
			return err
		}
	}
	return nil
}

// regionalItems maps item names of aws_unit_prices_regional.csv onto the names
// of aws_unit_prices.csv where both denote the same price.
var regionalItems = map[[2]string][2]string{
	// The 2016 Lambda offer had one duration rate; it equals today's first
	// tier, which is the rate a function below 6B GB-s a month pays.
	{"lambda", "duration x86 (single rate in 2016 offer; tiers added later)"}: {"duration x86 (first 6B GB-s/month)", " (the 2016 offer's single duration rate, filed under today's first tier)"},
}

// sourceRank orders aws_unit_prices_regional.csv's sources by SOURCES.md's
// stated preference: price-list rows with SKU or usage type and real bills
// first, hand-maintained tables and web pages last. Lower is better.
func sourceRank(id string) int {
	switch id {
	case "S11", "S12", "S17", "S22a", "S22c", "S22k", "S22l", "S14", "S9":
		return 0
	case "S13", "S22b", "S22d", "S22e", "S22f", "S22i", "S18", "S21", "S19", "S20":
		return 1 // S22i over S22j: S22i says "confirmed"
	case "S15":
		return 2 // 2021, newer than S16 (2019) where the two disagree
	case "S16", "S22g", "S22h", "S22j", "S22m":
		return 3
	case "S10":
		return 4 // legacy file, older than every other source (sc1 stale)
	}
	return 5 // S23, S24 and anything new
}

// eksExtended is the EKS extended-support item: the total hourly rate.
const eksExtended = "cluster hour (extended support)"

func (b *builder) regionalUnitPrices() error {
	const file = "aws_unit_prices_regional.csv"
	rows, err := b.readCSV(file)
	if err != nil {
		return err
	}
	type cand struct {
		row     map[string]string
		usd     decimal.Decimal
		derived bool
	}
	groups := map[[3]string][]cand{}
	var order [][3]string
	notes := map[[3]string]string{}
	for _, r := range rows {
		usd, err := dec(file, r["usd"])
		if err != nil {
			return err
		}
		service, item := normService(r["service"]), r["item"]
		if m, ok := regionalItems[[2]string{service, item}]; ok {
			item = m[0]
			notes[[3]string{service, r["region"], item}] = m[1]
		}
		k := [3]string{service, r["region"], item}
		if groups[k] == nil {
			order = append(order, k)
		}
		// A derived row (printed cents ÷ quantity) is only consistent with a list
		// price; SOURCES.md prefers the list value where both exist.
		groups[k] = append(groups[k], cand{r, usd, strings.Contains(r["source_detail"], "derived")})
	}
	for _, k := range order {
		cs := groups[k]
		sort.SliceStable(cs, func(i, j int) bool {
			if cs[i].derived != cs[j].derived {
				return !cs[i].derived
			}
			return sourceRank(cs[i].row["source_id"]) < sourceRank(cs[j].row["source_id"])
		})
		best := cs[0]
		if _, curated := b.c.Exact(k[0], k[1], k[2]); curated {
			continue // aws_unit_prices.csv is the curated table; it wins
		}
		usd, unit, conv := convert(best.usd, best.row["unit"])
		src := best.row["source_id"] + " " + best.row["source_detail"] + notes[k] + conv
		if k[0] == "eks" && k[2] == eksExtended && best.row["source_id"] == "S22e" {
			// S22e quotes AWS's extended-support usage line, a surcharge on top
			// of the standard cluster hour; S4's us-east-1 figure (0.60) is the
			// total a cluster pays. Store the total so the item means the same
			// everywhere: surcharge + the region's own standard-support row.
			std := groups[[3]string{"eks", k[1], "cluster hour (standard support)"}]
			if len(std) == 0 {
				continue // a surcharge alone would under-price: leave the region unpriced
			}
			usd = usd.Add(std[0].usd)
			src += "; plus the region's standard support " + std[0].usd.String() + " (" + std[0].row["source_id"] + "): the row is the surcharge, the item is the total"
		}
		var agree, differ []string
		for _, o := range cs[1:] {
			if o.usd.Equal(best.usd) {
				agree = append(agree, o.row["source_id"])
			} else {
				differ = append(differ, o.row["source_id"]+" "+o.usd.String())
			}
		}
		if len(agree) > 0 {
			src += "; also " + strings.Join(agree, ", ")
		}
		if len(differ) > 0 {
			src += "; other values: " + strings.Join(differ, ", ")
		}
		if err := b.add(k[0], k[1], k[2], usd, unit, src, asOfDate(best.row["as_of"])); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) dataTransfer() error {
	const file = "data_transfer_out_by_region.csv"
	rows, err := b.readCSV(file)
	if err != nil {
		return err
	}
	for _, r := range rows {
		usd, err := dec(file, r["usd_per_gb_derived"])
		if err != nil {
			return err
		}
		src := fmt.Sprintf("S4 infracost:data_transfer_test (derived: $%s / %s GB, golden commit %s)",
			r["golden_monthly_cost_usd"], r["golden_monthly_qty_gb"], r["golden_commit"])
		if err := b.add("data_transfer", r["region"], r["component"], usd, "USD per GB", src, r["golden_date"]); err != nil {
			return err
		}
	}
	return nil
}

var (
	isoDate   = regexp.MustCompile(`\b(19|20)\d\d-\d\d-\d\d\b`)
	offerVer  = regexp.MustCompile(`version (20\d\d)(\d\d)(\d\d)\d{6}`)
	monthYear = regexp.MustCompile(`\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? (20\d\d)\b`)
	yearOnly  = regexp.MustCompile(`\b(19|20)\d\d\b`)
	months    = map[string]string{"Jan": "01", "Feb": "02", "Mar": "03", "Apr": "04", "May": "05", "Jun": "06",
		"Jul": "07", "Aug": "08", "Sep": "09", "Oct": "10", "Nov": "11", "Dec": "12"}
)

// asOfDate reduces an as_of text to the most precise date it states
// (YYYY-MM-DD, YYYY-MM or YYYY), or "undated".
func asOfDate(s string) string {
	if m := isoDate.FindString(s); m != "" {
		return m
	}
	if m := offerVer.FindStringSubmatch(s); m != nil {
		return m[1] + "-" + m[2] + "-" + m[3]
	}
	if m := monthYear.FindStringSubmatch(s); m != nil {
		return m[2] + "-" + months[m[1]]
	}
	if m := yearOnly.FindString(s); m != "" {
		return m
	}
	return "undated"
}

var mdNoise = strings.NewReplacer("**", "", "`", "")

// sources reads the source tables of SOURCES.md: the main and regional
// tables (ID | What | Repository | Path | Date) and the S22 detail table
// (ID | Kind | Region(s) and what | Date).
func (b *builder) sources() error {
	data, err := os.ReadFile(filepath.Join(b.dir, "SOURCES.md"))
	if err != nil {
		return err
	}
	id := regexp.MustCompile(`^S\d+[a-z]?$`)
	seen := map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		if !strings.HasPrefix(line, "| S") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "| "), " | ")
		for i := range cells {
			cells[i] = strings.TrimSpace(mdNoise.Replace(cells[i]))
		}
		if !id.MatchString(cells[0]) || seen[cells[0]] {
			continue // coverage rows, the "S22a–m" umbrella, S9's second mention
		}
		var s catalog.Source
		switch len(cells) {
		case 5:
			where := cells[2]
			if cells[3] != "—" {
				where += " " + cells[3]
			}
			s = catalog.Source{ID: cells[0], What: cells[1], Where: where, AsOf: cells[4]}
		case 4:
			s = catalog.Source{ID: cells[0], What: cells[1] + ": " + cells[2], Where: "public document (repository and path not identified)", AsOf: cells[3]}
		default:
			continue
		}
		seen[s.ID] = true
		b.c.AddSource(s)
	}
	for _, want := range []string{"S1", "S2", "S3", "S4", "S5", "S10", "S24"} {
		if !seen[want] {
			return fmt.Errorf("SOURCES.md: source %s not found in its tables", want)
		}
	}
	return nil
}

// terracostItems are the eu-west-1 usage types of the terracost dump (S5)
// that denote an item aws_unit_prices.csv names but has no eu-west-1 row for.
// factor converts the price-list unit to the catalog unit exactly.
var terracostItems = []struct {
	usageType, service, item, plUnit, unit string
	factor                                 int64
}{
	{"EU-RDS:GP2-Storage", "rds", "gp2 storage Single-AZ", "GB-Mo", "USD per GB-month", 1},
	{"EU-RDS:Multi-AZ-GP2-Storage", "rds", "gp2 storage Multi-AZ", "GB-Mo", "USD per GB-month", 1},
	{"EU-RDS:GP3-Storage", "rds", "gp3 storage Single-AZ", "GB-Mo", "USD per GB-month", 1},
	{"EU-RDS:Multi-AZ-GP3-Storage", "rds", "gp3 storage Multi-AZ", "GB-Mo", "USD per GB-month", 1},
	{"EU-RDS:GP3-PIOPS", "rds", "gp3 provisioned IOPS above baseline Single-AZ", "IOPS-Mo", "USD per IOPS-month", 1},
	{"EU-RDS:Multi-AZ-GP3-PIOPS", "rds", "gp3 provisioned IOPS above baseline Multi-AZ", "IOPS-Mo", "USD per IOPS-month", 1},
	{"EU-RDS:PIOPS-Storage", "rds", "io1 storage Single-AZ", "GB-Mo", "USD per GB-month", 1},
	{"EU-RDS:PIOPS", "rds", "io1 provisioned IOPS Single-AZ", "IOPS-Mo", "USD per IOPS-month", 1},
	{"EU-RDS:StorageUsage", "rds", "magnetic storage", "GB-Mo", "USD per GB-month", 1},
	{"EU-RDS:ChargedBackupUsage", "rds", "backup storage beyond free allocation", "GB-Mo", "USD per GB-month", 1},
	{"EU-Aurora:StorageUsage", "rds", "Aurora storage (standard)", "GB-Mo", "USD per GB-month", 1},
	{"EU-Aurora:StorageIOUsage", "rds", "Aurora I/O requests (standard)", "IOs", "USD per 1M requests", 1_000_000},
	{"EU-Aurora:BackupUsage", "rds", "Aurora backup storage", "GB-Mo", "USD per GB-month", 1},
	{"EU-Aurora:ServerlessV2Usage", "rds", "Aurora Serverless v2 ACU hour", "ACU-Hr", "USD per ACU-hour", 1},
	{"EU-EBS:FastSnapshotRestore", "ebs", "fast snapshot restore", "hours", "USD per DSU-hour", 1},
}

// terracost adds the eu-west-1 figures of the terracost dump that the
// curated rows lack. Every row of a usage type must agree (engines and
// editions share the price), or the generator stops.
func (b *builder) terracost() error {
	const file = "terracost_eu-west-1_2023-02-23_unit_prices.csv"
	rows, err := b.readCSV(file)
	if err != nil {
		return err
	}
	for _, ti := range terracostItems {
		if _, curated := b.c.Exact(ti.service, "eu-west-1", ti.item); curated {
			continue
		}
		var price *decimal.Decimal
		var skus []string
		for _, r := range rows {
			if r["location"] != "eu-west-1" || r["usage_type"] != ti.usageType || r["term_type"] != "OnDemand" || r["starting_range"] != "0" {
				continue
			}
			if r["unit"] != ti.plUnit {
				return fmt.Errorf("%s: %s has unit %q, expected %q", file, ti.usageType, r["unit"], ti.plUnit)
			}
			usd, err := dec(file, r["usd"])
			if err != nil {
				return err
			}
			if price != nil && !price.Equal(usd) {
				return fmt.Errorf("%s: %s rows disagree (%s vs %s); map them separately", file, ti.usageType, price, usd)
			}
			price = &usd
			skus = append(skus, r["sku"])
		}
		if price == nil {
			return fmt.Errorf("%s: no eu-west-1 row for %s", file, ti.usageType)
		}
		sort.Strings(skus)
		src := fmt.Sprintf("S5 terracost dump usagetype %s (%d SKUs, one price; e.g. sku %s)", ti.usageType, len(skus), skus[0])
		usd := *price
		if ti.factor != 1 {
			usd = usd.Mul(decimal.NewFromInt(ti.factor))
			src += fmt.Sprintf(" (converted from %s USD per %s × %d)", price, ti.plUnit, ti.factor)
		}
		if err := b.add(ti.service, "eu-west-1", ti.item, usd, ti.unit, src, "2023-02-23"); err != nil {
			return err
		}
	}
	return nil
}
