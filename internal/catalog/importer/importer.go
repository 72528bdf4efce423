// Package importer builds a tfcost catalog from the official AWS Price List
// bulk files, read from local disk (`tfcost catalog import`): the offer index
// (offers/v1.0/aws/index.json), a service's region_index.json, and offer files
// in JSON or CSV. It keeps what the estimator needs (see mapProduct): EC2
// instance hours by OS, EBS storage/IOPS/throughput, Fargate, RDS and
// ElastiCache instance hours; on-demand and reserved terms, with reserved
// prices stored as the effective hourly rate (upfront fee amortised).
//
// Offer files are streamed: products are decoded one at a time and only
// those that map to a catalog key are kept, and terms of other products are
// skipped token by token. Memory therefore grows with the number of kept
// prices, not with the file size (the EC2 offer file is several GB).
package importer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tfcost/tfcost/internal/catalog"
	"github.com/tfcost/tfcost/internal/failure"
)

// Options tune an import.
type Options struct {
	// Regions, when not empty, restricts the import to these region codes
	// (offer files listed in a region index for other regions are not read).
	Regions []string
	// Strict turns ambiguous matches (two SKUs, one key, different prices)
	// into an error instead of a warning.
	Strict bool
	// SkipBadRows turns malformed CSV rows into warnings instead of an error.
	SkipBadRows bool
}

// Stats describes what an import read and kept.
type Stats struct {
	Files           int      // offer files read
	Products        int      // products seen
	Matched         int      // products mapped to a catalog key
	Terms           int      // terms of matched products read
	Prices          int      // prices in the resulting catalog
	SkippedCurrency int      // price dimensions in a currency other than USD
	Ambiguous       int      // keys left out because SKUs disagreed
	Warnings        []string // everything a user should know about
}

func (s *Stats) warnf(format string, args ...any) {
	s.Warnings = append(s.Warnings, fmt.Sprintf(format, args...))
}

// Import reads the inputs (offer index, region index or offer files, in any
// mix) and returns a catalog holding their prices. Bad input is a
// *failure.Error naming the file and, for syntax errors, line and column.
func Import(ctx context.Context, inputs []string, opts Options) (*catalog.Catalog, Stats, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	im := &importer{ctx: ctx, opts: opts, col: newCollector(), seenFiles: map[string]bool{}, cat: catalog.New()}
	if len(opts.Regions) > 0 {
		im.regions = map[string]bool{}
		for _, r := range opts.Regions {
			im.regions[r] = true
		}
	}
	if len(inputs) == 0 {
		return nil, im.stats, failure.Usagef("catalog import needs at least one price-list file (offer index, region_index.json or offer file)")
	}
	for _, in := range inputs {
		if err := im.input(in, ""); err != nil {
			return nil, im.stats, err
		}
	}
	if err := im.finish(); err != nil {
		return nil, im.stats, err
	}
	return im.cat, im.stats, nil
}

type importer struct {
	ctx       context.Context
	opts      Options
	regions   map[string]bool
	col       *collector
	stats     Stats
	seenFiles map[string]bool
	cat       *catalog.Catalog
	newest    string
}

func (im *importer) wantRegion(r string) bool { return im.regions == nil || im.regions[r] }

// input reads one file of any supported kind; ctxRegion is the region a
// region index says the file is for.
func (im *importer) input(path, ctxRegion string) error {
	abs, err := filepath.Abs(path)
	if err == nil {
		if im.seenFiles[abs] {
			return nil
		}
		im.seenFiles[abs] = true
	}
	f, err := os.Open(path)
	if err != nil {
		return failure.Unreadable(path, "the price-list file", "", err)
	}
	defer f.Close() //nolint:errcheck // opened read-only: Close cannot lose data
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return failure.Unreadable(path, "the price-list file", "", err)
	}
	trimmed := strings.TrimLeft(string(head), " \t\r\n\ufeff")
	switch {
	case strings.HasPrefix(trimmed, "{"):
		return im.jsonFile(path, f, ctxRegion)
	case strings.HasPrefix(trimmed, "sep=") || strings.HasPrefix(trimmed, `"FormatVersion"`) || strings.HasPrefix(trimmed, "FormatVersion"):
		return im.csvFile(path, f, ctxRegion)
	}
	return failure.At(path, 1, 1, "not an AWS Price List file", "a JSON offer index, region_index.json or offer file, or a CSV offer file")
}

// resolve finds a URL of an index on local disk. Absolute paths
// ("/offers/v1.0/aws/...") are tried below the index's directory and each of
// its parents, so a mirror of the bulk API tree works wherever it lives;
// relative URLs are resolved against the index's directory.
func resolve(indexPath, ref string) string {
	if u, err := url.Parse(ref); err == nil && u.Scheme != "" {
		ref = u.Path // only the path of an https URL can exist locally
	}
	dir := filepath.Dir(indexPath)
	if !strings.HasPrefix(ref, "/") {
		return filepath.Join(dir, filepath.FromSlash(ref))
	}
	rel := filepath.FromSlash(strings.TrimPrefix(ref, "/"))
	for d := dir; ; d = filepath.Dir(d) {
		p := filepath.Join(d, rel)
		if _, err := os.Stat(p); err == nil {
			return p
		}
		if parent := filepath.Dir(d); parent == d {
			break
		}
	}
	// Last resort: a flat download beside the index, named as in the URL's
	// last two segments ("us-east-2/index.json").
	parts := strings.Split(strings.TrimPrefix(ref, "/"), "/")
	if len(parts) >= 2 {
		p := filepath.Join(dir, parts[len(parts)-2], parts[len(parts)-1])
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// mappedOffers are the offer codes mapProduct knows.
var mappedOffers = map[string]bool{"AmazonEC2": true, "AmazonECS": true, "AmazonRDS": true, "AmazonElastiCache": true}

func (im *importer) offerIndex(path string, offers map[string]struct {
	CurrentVersionURL     string `json:"currentVersionUrl"`
	CurrentRegionIndexURL string `json:"currentRegionIndexUrl"`
}) error {
	codes := make([]string, 0, len(offers))
	for c := range offers {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, code := range codes {
		if !mappedOffers[code] {
			continue
		}
		o := offers[code]
		// Prefer the region index: per-region files are smaller, and the
		// --region filter then avoids reading the others at all.
		if o.CurrentRegionIndexURL != "" {
			if p := resolve(path, o.CurrentRegionIndexURL); p != "" {
				if err := im.input(p, ""); err != nil {
					return err
				}
				continue
			}
		}
		if o.CurrentVersionURL != "" {
			if p := resolve(path, o.CurrentVersionURL); p != "" {
				if err := im.input(p, ""); err != nil {
					return err
				}
				continue
			}
		}
		im.stats.warnf("%s: offer %s is listed but neither its region index nor its offer file was found locally", path, code)
	}
	return nil
}

func (im *importer) regionIndex(path string, regions map[string]struct {
	RegionCode        string `json:"regionCode"`
	CurrentVersionURL string `json:"currentVersionUrl"`
}) error {
	codes := make([]string, 0, len(regions))
	for c := range regions {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	var missing []string
	for _, code := range codes {
		r := regions[code]
		region := r.RegionCode
		if region == "" {
			region = code
		}
		if !im.wantRegion(region) {
			continue
		}
		p := resolve(path, r.CurrentVersionURL)
		if p == "" {
			missing = append(missing, region)
			continue
		}
		if err := im.input(p, region); err != nil {
			return err
		}
	}
	if len(missing) > 0 {
		ex := missing
		if len(ex) > 5 {
			ex = ex[:5]
		}
		im.stats.warnf("%s: %d region offer files listed are not on local disk (%s…); download them or pass --region", path, len(missing), strings.Join(ex, ", "))
	}
	return nil
}

// addSource records one offer file as a source. It returns what the file's
// prices carry: src, the start of their Source ("PL1 AmazonEC2 v2023…"), and
// asOf, their date.
func (im *importer) addSource(path, offerCode, version, published string) (src, asOf string) {
	id := fmt.Sprintf("PL%d", len(im.cat.Sources())+1)
	asOf = dateOf(published)
	if published != "" && asOf > im.newest {
		im.newest = asOf
	}
	im.cat.AddSource(catalog.Source{ID: id, What: fmt.Sprintf("AWS Price List offer file %s version %s", offerCode, version),
		Where: filepath.Base(path), AsOf: published})
	return fmt.Sprintf("%s %s v%s", id, offerCode, version), asOf
}

// priceProduct adds the prices of one matched product's term.
func (im *importer) priceProduct(m match, sku string, t term, src, asOf string) {
	im.stats.Terms++
	if t.section == "OnDemand" && t.attrs["LeaseContractLength"] != "" {
		im.stats.warnf("%s: term %s of SKU %s is listed under OnDemand but has reserved attributes (%s, %s, %s); imported as reserved",
			src, t.code, sku, t.attrs["LeaseContractLength"], t.attrs["OfferingClass"], t.attrs["PurchaseOption"])
	}
	usd := t.dims[:0:0]
	for _, d := range t.dims {
		if d.currency != "USD" {
			im.stats.SkippedCurrency++
			continue
		}
		usd = append(usd, d)
	}
	if len(usd) == 0 {
		return
	}
	t.dims = usd
	out, note := priceTerm(m, t)
	if note != "" {
		im.stats.warnf("%s: SKU %s term %s not imported: %s", src, sku, t.code, note)
		return
	}
	for _, p := range out {
		im.col.add(m.service, m.region, p.item, sku, catalog.Price{USD: p.usd, Unit: m.unit.catalogUnit,
			Source: fmt.Sprintf("%s sku %s %s", src, sku, p.detail), AsOf: asOf, Region: m.region})
	}
}

func (im *importer) finish() error {
	keys := make([][3]string, 0, len(im.col.ambiguous))
	for k := range im.col.ambiguous {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return strings.Join(keys[i][:], "\x00") < strings.Join(keys[j][:], "\x00") })
	for _, k := range keys {
		msg := fmt.Sprintf("ambiguous price for %s %s %q: SKUs disagree (%s); left out", k[0], k[1], k[2], strings.Join(im.col.ambiguous[k], " vs "))
		if im.opts.Strict {
			return &failure.Error{Kind: failure.Input, Msg: msg, Hint: "narrow the inputs or report the mapping as a bug"}
		}
		im.stats.Ambiguous++
		im.stats.Warnings = append(im.stats.Warnings, msg)
	}
	for k, c := range im.col.prices {
		p := c.p
		if len(c.skus) > 1 {
			p.Source += fmt.Sprintf(" (same price in SKUs %s)", strings.Join(c.skus[1:], ", "))
		}
		im.cat.Add(k[0], k[1], k[2], p)
	}
	im.stats.Prices = len(im.col.prices)
	im.cat.SetDate(im.newest)
	if im.stats.Prices == 0 {
		im.stats.warnf("no price in the inputs maps to a catalog key (EC2 instances, EBS, Fargate, RDS, ElastiCache)")
	}
	return nil
}

// posError turns a JSON decoding error at a byte offset into a failure with
// line and column, re-reading the file up to the offset.
func posError(path string, offset int64, msg, expected string, cause error) error {
	line, col := 1, 1
	if f, err := os.Open(path); err == nil {
		defer f.Close() //nolint:errcheck // opened read-only: Close cannot lose data
		buf := make([]byte, 64<<10)
		var read int64
		for read < offset {
			n, err := f.Read(buf)
			for _, b := range buf[:n] {
				if read >= offset {
					break
				}
				read++
				if b == '\n' {
					line, col = line+1, 1
				} else {
					col++
				}
			}
			if err != nil {
				break
			}
		}
	}
	return &failure.Error{Kind: failure.Input, File: path, Line: line, Column: col, Msg: msg, Expected: expected, Err: cause}
}

// jsonErr converts a decoder error into a positioned failure.
func jsonErr(path string, dec *json.Decoder, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off, found := locateSyntaxError(path)
		if found != nil {
			se = found
		}
		return posError(path, off, syntaxMsg(se), "strict JSON", err)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		// te.Offset counts decoded bytes only; the decoder has just passed the
		// offending value, so its input offset is the closest file position.
		return posError(path, dec.InputOffset(), fmt.Sprintf("unexpected JSON %s for %s", te.Value, te.Field), "the AWS Price List layout", err)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return posError(path, dec.InputOffset(), "the file ends in the middle of the JSON (truncated download?)", "complete JSON", err)
	}
	return &failure.Error{Kind: failure.Input, File: path, Msg: "cannot read the price-list file: " + err.Error(), Err: err}
}

func syntaxMsg(se *json.SyntaxError) string {
	msg := "invalid JSON: " + se.Error()
	if strings.Contains(msg, "looking for beginning of object key string") || strings.Contains(msg, "looking for beginning of value") {
		msg += " (a trailing comma before it?)"
	}
	return msg
}
