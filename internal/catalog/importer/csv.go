package importer

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/failure"
)

// csvFile streams a CSV offer file: an optional "sep=," line, metadata lines
// of two fields (FormatVersion, Disclaimer, Publication Date, Version,
// OfferCode), the header, then one row per price dimension.
func (im *importer) csvFile(path string, f *os.File, ctxRegion string) error {
	r := csv.NewReader(bufio.NewReaderSize(f, 1<<20))
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	meta := map[string]string{}
	var header []string
	for header == nil {
		rec, err := r.Read()
		if err != nil {
			return csvErr(path, err, "the CSV header (SKU, OfferTermCode, …)")
		}
		switch {
		case len(rec) == 1 && strings.HasPrefix(rec[0], "sep="):
		case len(rec) == 2:
			meta[normName(rec[0])] = rec[1]
		default:
			header = make([]string, len(rec))
			for i, h := range rec {
				header[i] = normName(h)
			}
		}
	}
	col := map[string]int{}
	var attrCols []int // the columns of productAttrs
	for i, h := range header {
		col[h] = i
		if productAttrs[h] {
			attrCols = append(attrCols, i)
		}
	}
	for _, need := range []string{"sku", "offertermcode", "termtype", "unit", "priceperunit"} {
		if _, ok := col[need]; !ok {
			line, _ := r.FieldPos(0)
			return failure.At(path, line, 0, fmt.Sprintf("the CSV header has no %q column", need), "an AWS Price List CSV header")
		}
	}
	src, asOf := im.addSource(path, meta["offercode"], meta["version"], meta["publicationdate"])
	im.stats.Files++

	type pendingTerm struct {
		m   match
		sku string
		t   term
	}
	// Rows of one term (an upfront fee and an hourly rate) need not be
	// adjacent, so matched rows wait here; unmatched rows are dropped at once.
	pending := map[[2]string]*pendingTerm{}
	var order [][2]string
	lastSKU := ""
	for n := 0; ; n++ {
		if n%4096 == 0 && im.ctx.Err() != nil {
			return im.ctx.Err()
		}
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return csvErr(path, err, "")
		}
		line, _ := r.FieldPos(0)
		if len(rec) != len(header) {
			msg := fmt.Sprintf("row has %d fields but the header has %d", len(rec), len(header))
			if im.opts.SkipBadRows {
				im.stats.warnf("%s:%d: %s; row skipped", path, line, msg)
				continue
			}
			return &failure.Error{Kind: failure.Input, File: path, Line: line, Column: 1, Msg: msg,
				Expected: "one value per header column", Hint: "fix or remove the row, or import with --skip-bad-rows"}
		}
		sku := rec[col["sku"]]
		if sku != lastSKU {
			im.stats.Products++ // rows of a SKU are adjacent in AWS's files
			lastSKU = sku
		}
		a := make(attrs, len(attrCols))
		for _, i := range attrCols {
			if rec[i] != "" {
				a[header[i]] = rec[i]
			}
		}
		m, ok := mapProduct(a, ctxRegion)
		if !ok || !im.wantRegion(m.region) {
			continue
		}
		price, err := decimal.NewFromString(rec[col["priceperunit"]])
		if err != nil {
			_, c := r.FieldPos(col["priceperunit"])
			return failure.At(path, line, c, fmt.Sprintf("price %q is not a number", rec[col["priceperunit"]]), "a decimal PricePerUnit")
		}
		k := [2]string{sku, rec[col["offertermcode"]]}
		p := pending[k]
		if p == nil {
			im.stats.Matched++
			p = &pendingTerm{m: m, sku: sku, t: term{section: rec[col["termtype"]], code: rec[col["offertermcode"]], attrs: map[string]string{}}}
			for _, ta := range []struct{ col, attr string }{{"leasecontractlength", "LeaseContractLength"}, {"purchaseoption", "PurchaseOption"}, {"offeringclass", "OfferingClass"}} {
				if i, ok := col[ta.col]; ok && rec[i] != "" {
					p.t.attrs[ta.attr] = rec[i]
				}
			}
			pending[k] = p
			order = append(order, k)
		}
		get := func(name string) string {
			if i, ok := col[name]; ok {
				return rec[i]
			}
			return ""
		}
		currency := get("currency")
		if currency == "" {
			currency = "USD" // files without a Currency column are priced in USD
		}
		p.t.dims = append(p.t.dims, dim{rate: get("ratecode"), unit: get("unit"), begin: get("startingrange"),
			end: get("endingrange"), currency: currency, price: price})
	}
	sort.SliceStable(order, func(i, j int) bool { return order[i][0]+order[i][1] < order[j][0]+order[j][1] })
	for _, k := range order {
		p := pending[k]
		im.priceProduct(p.m, p.sku, p.t, src, asOf)
	}
	return nil
}

func csvErr(path string, err error, expected string) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &failure.Error{Kind: failure.Input, File: path, Line: pe.Line, Column: pe.Column, Msg: "malformed CSV: " + pe.Err.Error(), Expected: expected, Err: err}
	}
	if errors.Is(err, io.EOF) {
		return &failure.Error{Kind: failure.Input, File: path, Msg: "the CSV file ends before its header", Expected: expected, Err: err}
	}
	return &failure.Error{Kind: failure.Input, File: path, Msg: "cannot read the CSV file: " + err.Error(), Err: err}
}
