package importer

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/failure"
)

// offerHeader is the small top of an offer file.
type offerHeader struct {
	offerCode, version, published string
}

type productJSON struct {
	SKU           string         `json:"sku"`
	ProductFamily string         `json:"productFamily"`
	Attributes    attributesJSON `json:"attributes"`
}

// attributesJSON holds only the attributes mapProduct reads: decoding into
// fixed fields skips the other few dozen without building a map per product,
// which roughly doubles the import speed on the multi-GB EC2 file.
type attributesJSON struct {
	ServiceCode      string `json:"servicecode"`
	RegionCode       string `json:"regionCode"`
	InstanceType     string `json:"instanceType"`
	OperatingSystem  string `json:"operatingSystem"`
	Tenancy          string `json:"tenancy"`
	PreInstalledSw   string `json:"preInstalledSw"`
	CapacityStatus   string `json:"capacitystatus"`
	LicenseModel     string `json:"licenseModel"`
	VolumeAPIName    string `json:"volumeApiName"`
	UsageType        string `json:"usagetype"`
	DatabaseEngine   string `json:"databaseEngine"`
	DatabaseEdition  string `json:"databaseEdition"`
	DeploymentOption string `json:"deploymentOption"`
	Storage          string `json:"storage"`
	CacheEngine      string `json:"cacheEngine"`
}

// attrs is the product's attributes under the normalised names mapProduct
// reads. It fills one map directly: a name → value map literal to range over
// would cost a second map for every product of the file.
func (j attributesJSON) attrs(family string) attrs {
	a := make(attrs, 16)
	a["productfamily"] = family
	set := func(k, v string) {
		if v != "" {
			a[k] = v
		}
	}
	set("servicecode", j.ServiceCode)
	set("regioncode", j.RegionCode)
	set("instancetype", j.InstanceType)
	set("operatingsystem", j.OperatingSystem)
	set("tenancy", j.Tenancy)
	set("preinstalledsw", j.PreInstalledSw)
	set("capacitystatus", j.CapacityStatus)
	set("licensemodel", j.LicenseModel)
	set("volumeapiname", j.VolumeAPIName)
	set("usagetype", j.UsageType)
	set("databaseengine", j.DatabaseEngine)
	set("databaseedition", j.DatabaseEdition)
	set("deploymentoption", j.DeploymentOption)
	set("storage", j.Storage)
	set("cacheengine", j.CacheEngine)
	return a
}

type termJSON struct {
	OfferTermCode   string `json:"offerTermCode"`
	PriceDimensions map[string]struct {
		RateCode     string            `json:"rateCode"`
		BeginRange   string            `json:"beginRange"`
		EndRange     string            `json:"endRange"`
		Unit         string            `json:"unit"`
		PricePerUnit map[string]string `json:"pricePerUnit"`
	} `json:"priceDimensions"`
	TermAttributes map[string]string `json:"termAttributes"`
}

// jsonFile streams one JSON file: an offer index ("offers"), a region index
// ("regions") or an offer file ("products" then "terms").
func (im *importer) jsonFile(path string, f *os.File, ctxRegion string) error {
	dec := json.NewDecoder(bufio.NewReaderSize(f, 1<<20))
	if err := expectDelim(path, dec, '{'); err != nil {
		return err
	}
	var (
		hdr    offerHeader
		offers map[string]struct {
			CurrentVersionURL     string `json:"currentVersionUrl"`
			CurrentRegionIndexURL string `json:"currentRegionIndexUrl"`
		}
		regions map[string]struct {
			RegionCode        string `json:"regionCode"`
			CurrentVersionURL string `json:"currentVersionUrl"`
		}
		products   map[string]match
		src, asOf  string
		termsFirst bool
		sawTerms   bool
	)
	for dec.More() {
		key, err := stringToken(path, dec)
		if err != nil {
			return err
		}
		switch key {
		case "offerCode", "version", "publicationDate":
			var s string
			if err := decodeAt(path, dec, &s); err != nil {
				return err
			}
			switch key {
			case "offerCode":
				hdr.offerCode = s
			case "version":
				hdr.version = s
			default:
				hdr.published = s
			}
		case "offers":
			if err := decodeAt(path, dec, &offers); err != nil {
				return err
			}
		case "regions":
			if err := decodeAt(path, dec, &regions); err != nil {
				return err
			}
		case "products":
			src, asOf = im.addSource(path, hdr.offerCode, hdr.version, hdr.published)
			im.stats.Files++
			products = map[string]match{}
			if err := im.jsonProducts(path, dec, ctxRegion, products); err != nil {
				return err
			}
		case "terms":
			sawTerms = true
			if products == nil {
				// Terms before products: skip now, read them in a second pass
				// once the products are known (AWS files list products first).
				termsFirst = true
				if err := skipValue(path, dec); err != nil {
					return err
				}
				continue
			}
			if err := im.jsonTerms(path, dec, products, src, asOf); err != nil {
				return err
			}
		default:
			if err := skipValue(path, dec); err != nil {
				return err
			}
		}
	}
	if err := expectDelim(path, dec, '}'); err != nil {
		return err
	}
	switch {
	case offers != nil:
		return im.offerIndex(path, offers)
	case regions != nil:
		return im.regionIndex(path, regions)
	case products == nil:
		return failure.At(path, 1, 1, "JSON without \"offers\", \"regions\" or \"products\"", "an AWS Price List offer index, region_index.json or offer file")
	case !sawTerms:
		im.stats.warnf("%s: offer file has products but no terms", path)
	case termsFirst:
		return im.secondPass(path, products, src, asOf)
	}
	return nil
}

func (im *importer) secondPass(path string, products map[string]match, src, asOf string) error {
	f, err := os.Open(path)
	if err != nil {
		return failure.Unreadable(path, "the price-list file again", "", err)
	}
	defer f.Close() //nolint:errcheck // opened read-only: Close cannot lose data
	dec := json.NewDecoder(bufio.NewReaderSize(f, 1<<20))
	if err := expectDelim(path, dec, '{'); err != nil {
		return err
	}
	for dec.More() {
		key, err := stringToken(path, dec)
		if err != nil {
			return err
		}
		if key == "terms" {
			return im.jsonTerms(path, dec, products, src, asOf)
		}
		if err := skipValue(path, dec); err != nil {
			return err
		}
	}
	return nil
}

// eachSKU walks a JSON object keyed by SKU, `{"<sku>": <value>, …}`, and
// calls fn with the decoder at each value, which fn must consume. An offer
// file holds hundreds of thousands of SKUs, so the import's context is
// checked every 4096 of them.
func (im *importer) eachSKU(path string, dec *json.Decoder, fn func(sku string) error) error {
	if err := expectDelim(path, dec, '{'); err != nil {
		return err
	}
	for n := 0; dec.More(); n++ {
		if n%4096 == 0 && im.ctx.Err() != nil {
			return im.ctx.Err()
		}
		sku, err := stringToken(path, dec)
		if err != nil {
			return err
		}
		if err := fn(sku); err != nil {
			return err
		}
	}
	return expectDelim(path, dec, '}')
}

func (im *importer) jsonProducts(path string, dec *json.Decoder, ctxRegion string, products map[string]match) error {
	return im.eachSKU(path, dec, func(sku string) error {
		var p productJSON
		if err := decodeAt(path, dec, &p); err != nil {
			return err
		}
		im.stats.Products++
		m, ok := mapProduct(p.Attributes.attrs(p.ProductFamily), ctxRegion)
		if !ok || !im.wantRegion(m.region) {
			return nil
		}
		im.stats.Matched++
		products[sku] = m
		return nil
	})
}

func (im *importer) jsonTerms(path string, dec *json.Decoder, products map[string]match, src, asOf string) error {
	if err := expectDelim(path, dec, '{'); err != nil {
		return err
	}
	for dec.More() {
		section, err := stringToken(path, dec)
		if err != nil {
			return err
		}
		if section != "OnDemand" && section != "Reserved" {
			if err := skipValue(path, dec); err != nil {
				return err
			}
			continue
		}
		err = im.eachSKU(path, dec, func(sku string) error {
			m, ok := products[sku]
			if !ok {
				// One SKU's terms are small; RawMessage skips them faster
				// than token by token.
				var raw json.RawMessage
				return decodeAt(path, dec, &raw)
			}
			var ts map[string]termJSON
			if err := decodeAt(path, dec, &ts); err != nil {
				return err
			}
			codes := make([]string, 0, len(ts))
			for c := range ts {
				codes = append(codes, c)
			}
			sort.Strings(codes)
			for _, c := range codes {
				tj := ts[c]
				t := term{section: section, code: tj.OfferTermCode, attrs: tj.TermAttributes}
				rates := make([]string, 0, len(tj.PriceDimensions))
				for r := range tj.PriceDimensions {
					rates = append(rates, r)
				}
				sort.Strings(rates)
				for _, r := range rates {
					d := tj.PriceDimensions[r]
					cur, val := "USD", d.PricePerUnit["USD"]
					if _, ok := d.PricePerUnit["USD"]; !ok {
						for k, v := range d.PricePerUnit {
							cur, val = k, v
						}
					}
					price, err := decimal.NewFromString(val)
					if err != nil {
						return posError(path, dec.InputOffset(), fmt.Sprintf("price %q of rate %s is not a number", val, d.RateCode), "a decimal pricePerUnit", err)
					}
					t.dims = append(t.dims, dim{rate: d.RateCode, unit: d.Unit, begin: d.BeginRange, end: d.EndRange, currency: cur, price: price})
				}
				if t.attrs == nil {
					t.attrs = map[string]string{}
				}
				im.priceProduct(m, sku, t, src, asOf)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return expectDelim(path, dec, '}')
}

func dateOf(published string) string {
	if len(published) >= 10 {
		return published[:10]
	}
	if published == "" {
		return "undated"
	}
	return published
}

func expectDelim(path string, dec *json.Decoder, want json.Delim) error {
	off := dec.InputOffset()
	tok, err := dec.Token()
	if err != nil {
		return jsonErr(path, dec, err)
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return posError(path, tokenStart(path, off), fmt.Sprintf("unexpected %v", tok), fmt.Sprintf("%q", string(want)), nil)
	}
	return nil
}

func stringToken(path string, dec *json.Decoder) (string, error) {
	off := dec.InputOffset()
	tok, err := dec.Token()
	if err != nil {
		return "", jsonErr(path, dec, err)
	}
	s, ok := tok.(string)
	if !ok {
		return "", posError(path, tokenStart(path, off), fmt.Sprintf("unexpected %v", tok), "an object key", nil)
	}
	return s, nil
}

// tokenStart moves a decoder offset (just after the previous token) past
// whitespace and a ':' or ',' separator, to where the next token starts.
func tokenStart(path string, off int64) int64 {
	f, err := os.Open(path)
	if err != nil {
		return off
	}
	defer f.Close() //nolint:errcheck // opened read-only: Close cannot lose data
	buf := make([]byte, 256)
	n, _ := f.ReadAt(buf, off)
	for i, b := range buf[:n] {
		if b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != ':' && b != ',' {
			return off + int64(i)
		}
	}
	return off
}

// skipValue skips one value token by token, so a large one (the terms of a
// file whose products come later) is never held in memory.
func skipValue(path string, dec *json.Decoder) error {
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return jsonErr(path, dec, err)
		}
		if d, ok := tok.(json.Delim); ok {
			if d == '{' || d == '[' {
				depth++
			} else {
				depth--
			}
		}
		if depth == 0 {
			return nil
		}
	}
}

// decodeAt decodes the next value, reporting syntax errors where they are.
func decodeAt(path string, dec *json.Decoder, v any) error {
	if err := dec.Decode(v); err != nil {
		return jsonErr(path, dec, err)
	}
	return nil
}

// locateSyntaxError finds the byte offset of the first syntax error in a
// JSON file. The decoder's own SyntaxError.Offset counts only the bytes of
// the values it decoded, so the file is walked again token by token, which
// reports structural errors at their offset in the file.
func locateSyntaxError(path string) (int64, *json.SyntaxError) {
	f, err := os.Open(path)
	if err != nil {
		return 0, nil
	}
	defer f.Close() //nolint:errcheck // opened read-only: Close cannot lose data
	dec := json.NewDecoder(bufio.NewReaderSize(f, 1<<20))
	for {
		last := dec.InputOffset()
		_, err := dec.Token()
		if err == nil {
			continue
		}
		var se *json.SyntaxError
		if !errors.As(err, &se) {
			return last, nil
		}
		if se.Offset >= last && se.Offset <= last+256 {
			return se.Offset, se
		}
		// An error inside a scalar: point at the start of that scalar.
		return tokenStart(path, last), se
	}
}
