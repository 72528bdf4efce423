package catalog

// Catalog file format, version 1 (the embedded catalog.data and the files
// written by `tfcost catalog import` share it).
//
// The file is a sequence of gzip members; `zcat FILE` prints it as text. The
// first member is the header, one record per line, fields separated by tabs:
//
//	tfcost-catalog	1
//	date	<newest as-of date>
//	source	<id>	<what>	<where>	<as-of>
//	suffix	<text>                  (item suffix dictionary, 0-based in order)
//	meta	<unit>	<source>	<as-of>  (price metadata dictionary, 0-based)
//	section	<kind>	<service>	<region>	<lines>	<offset>	<length>
//	end
//
// Every later member is one section named in the header, in header order,
// starting with the line "@	<kind>	<service>	<region>". Offset and length locate
// the section's gzip member in the file, counted from the end of the header
// member, so a reader can inflate only the sections it needs (0 in a plain-text
// file). Section lines:
//
//	price: <prefix>	<s>:<m>=<usd>	...   item = prefix + suffix[s], metadata meta[m]
//	spec:  <type>	<vcpu>	<memory GiB>	<arch>	<gpu count>	<gpu model>
//	spot:  <region>	<type>	<savings %>	<interruption band>
//
// An item is split at its first "/": "m5.large/linux/on_demand" is prefix
// "m5.large" and suffix "/linux/on_demand", so the dozens of purchase options
// of one instance type share a line and the suffixes are stored once. Items
// without "/" have the empty suffix.

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/failure"
)

const (
	formatMagic   = "tfcost-catalog"
	formatVersion = "1"

	kindPrice = "price"
	kindSpec  = "spec"
	kindSpot  = "spot"
)

type meta struct{ unit, source, asOf string }

// table is the immutable, lazily decoded content of a catalog file.
type table struct {
	suffixes  []string
	suffixIdx map[string]int
	metas     []meta
	sections  []*section
	byKey     map[[2]string]*section // price sections by (service, region)
	specSec   *section
	spotSec   *section
	sectionZ  [][2]int // offset and length of each section's member, while parsing
}

type section struct {
	kind, service, region string
	lines                 int
	z                     []byte // gzip member still to inflate (embedded file)
	text                  string // section lines without the "@" line (Load)

	once sync.Once
	rows map[string]string // first field(s) → rest of the line
	err  error
}

// load inflates and indexes the section once. Lines were validated when the
// file was loaded (or by the embedded catalog's tests), so it only splits.
func (s *section) load() {
	s.once.Do(func() {
		text := s.text
		if s.z != nil {
			zr, err := gzip.NewReader(bytes.NewReader(s.z))
			if err != nil {
				s.err = err
				return
			}
			b, err := io.ReadAll(zr)
			if err != nil {
				s.err = err
				return
			}
			text = string(b)
			if i := strings.IndexByte(text, '\n'); i >= 0 {
				text = text[i+1:] // the "@" line
			}
		}
		keyFields := 1
		if s.kind == kindSpot {
			keyFields = 2
		}
		s.rows = make(map[string]string, s.lines)
		for len(text) > 0 {
			line := text
			if i := strings.IndexByte(text, '\n'); i >= 0 {
				line, text = text[:i], text[i+1:]
			} else {
				text = ""
			}
			k, rest := splitKey(line, keyFields)
			s.rows[k] = rest
		}
	})
}

// splitKey splits a line after its n-th tab-separated field.
func splitKey(line string, n int) (string, string) {
	at := -1
	for ; n > 0; n-- {
		i := strings.IndexByte(line[at+1:], '\t')
		if i < 0 {
			return line, ""
		}
		at += i + 1
	}
	return line[:at], line[at+1:]
}

func splitItem(item string) (prefix, suffix string) {
	if i := strings.IndexByte(item, '/'); i >= 0 {
		return item[:i], item[i:]
	}
	return item, ""
}

func (t *table) lookup(service, region, item string) (Price, bool) {
	s := t.byKey[[2]string{service, region}]
	if s == nil {
		return Price{}, false
	}
	s.load()
	prefix, suffix := splitItem(item)
	si, ok := t.suffixIdx[suffix]
	if !ok {
		return Price{}, false
	}
	cells, ok := s.rows[prefix]
	if !ok {
		return Price{}, false
	}
	for cells != "" {
		cell := cells
		if i := strings.IndexByte(cells, '\t'); i >= 0 {
			cell, cells = cells[:i], cells[i+1:]
		} else {
			cells = ""
		}
		// Compare the suffix index before parsing anything else: a line holds
		// up to a few dozen cells and only one is wanted.
		colon := strings.IndexByte(cell, ':')
		if colon <= 0 || !isIndex(cell[:colon], si) {
			continue
		}
		c, err := parseCell(cell, len(t.suffixes), len(t.metas))
		if err != nil {
			return Price{}, false
		}
		m := t.metas[c.meta]
		return Price{USD: c.usd, Unit: m.unit, Source: m.source, AsOf: m.asOf, Region: region}, true
	}
	return Price{}, false
}

func (t *table) spec(instanceType string) (Spec, bool) {
	if t.specSec == nil {
		return Spec{}, false
	}
	t.specSec.load()
	rest, ok := t.specSec.rows[instanceType]
	if !ok {
		return Spec{}, false
	}
	s, err := parseSpec(strings.Split(rest, "\t"))
	return s, err == nil
}

func (t *table) spotAdvice(region, instanceType string) (SpotAdvice, bool) {
	if t.spotSec == nil {
		return SpotAdvice{}, false
	}
	t.spotSec.load()
	rest, ok := t.spotSec.rows[region+"\t"+instanceType]
	if !ok {
		return SpotAdvice{}, false
	}
	a, err := parseSpot(strings.Split(rest, "\t"))
	return a, err == nil
}

// isIndex reports whether the decimal digits s spell n, without allocating.
func isIndex(s string, n int) bool {
	v := 0
	for i := 0; i < len(s); i++ {
		d := s[i]
		if d < '0' || d > '9' {
			return false
		}
		v = v*10 + int(d-'0')
	}
	return v == n
}

type cell struct {
	suffix, meta int
	usd          decimal.Decimal
}

func parseCell(s string, nSuffix, nMeta int) (cell, error) {
	colon := strings.IndexByte(s, ':')
	eq := strings.IndexByte(s, '=')
	if colon <= 0 || eq <= colon+1 {
		return cell{}, errors.New("malformed price cell")
	}
	si, err1 := strconv.Atoi(s[:colon])
	mi, err2 := strconv.Atoi(s[colon+1 : eq])
	if err1 != nil || err2 != nil || si < 0 || si >= nSuffix || mi < 0 || mi >= nMeta {
		return cell{}, errors.New("price cell refers to an unknown suffix or meta entry")
	}
	d, err := decimal.NewFromString(s[eq+1:])
	if err != nil {
		return cell{}, fmt.Errorf("price %q is not a decimal number", s[eq+1:])
	}
	return cell{si, mi, d}, nil
}

func parseSpec(f []string) (Spec, error) {
	if len(f) != 5 {
		return Spec{}, errors.New("spec line needs 6 tab-separated fields")
	}
	vcpu, err1 := decimal.NewFromString(f[0])
	mem, err2 := decimal.NewFromString(f[1])
	gpus, err3 := strconv.Atoi(f[3])
	if err1 != nil || err2 != nil || err3 != nil {
		return Spec{}, errors.New("spec vcpu and memory must be decimals and gpu count an integer")
	}
	return Spec{VCPU: vcpu, MemoryGiB: mem, Arch: f[2], GPUCount: gpus, GPUModel: f[4]}, nil
}

func parseSpot(f []string) (SpotAdvice, error) {
	if len(f) != 2 {
		return SpotAdvice{}, errors.New("spot line needs 4 tab-separated fields")
	}
	pct, err := strconv.Atoi(f[0])
	if err != nil {
		return SpotAdvice{}, errors.New("spot savings percent must be an integer")
	}
	return SpotAdvice{SavingsPercent: pct, Band: f[1]}, nil
}

// entry is one price as Write sees it.
type entry struct {
	service, region, item string
	p                     Price
}

// each calls fn for every price of service ("" for every service): the
// table's, then those added with Add (which win over the table's for the
// same key).
func (c *Catalog) each(service string, fn func(e entry)) error {
	c.mu.RLock()
	prices := make([]entry, 0, len(c.prices))
	for k, p := range c.prices {
		if service == "" || k.service == service {
			prices = append(prices, entry{k.service, k.region, k.item, p})
		}
	}
	t := c.table
	c.mu.RUnlock()
	added := map[key]bool{}
	for _, e := range prices {
		added[key{e.service, e.region, e.item}] = true
	}
	if t != nil {
		for _, s := range t.sections {
			if s.kind != kindPrice || (service != "" && s.service != service) {
				continue
			}
			s.load()
			if s.err != nil {
				return s.err
			}
			for prefix, cells := range s.rows {
				for _, cs := range strings.Split(cells, "\t") {
					cl, err := parseCell(cs, len(t.suffixes), len(t.metas))
					if err != nil {
						return err
					}
					item := prefix + t.suffixes[cl.suffix]
					if added[key{s.service, s.region, item}] {
						continue
					}
					m := t.metas[cl.meta]
					fn(entry{s.service, s.region, item, Price{USD: cl.usd, Unit: m.unit, Source: m.source, AsOf: m.asOf, Region: s.region}})
				}
			}
		}
	}
	for _, e := range prices {
		fn(e)
	}
	return nil
}

func (c *Catalog) allSpecs() map[string]Spec {
	out := map[string]Spec{}
	c.mu.RLock()
	t := c.table
	for k, v := range c.specs {
		out[k] = v
	}
	c.mu.RUnlock()
	if t != nil && t.specSec != nil {
		t.specSec.load()
		for k, rest := range t.specSec.rows {
			if _, ok := out[k]; ok {
				continue
			}
			if s, err := parseSpec(strings.Split(rest, "\t")); err == nil {
				out[k] = s
			}
		}
	}
	return out
}

func (c *Catalog) allSpot() map[[2]string]SpotAdvice {
	out := map[[2]string]SpotAdvice{}
	c.mu.RLock()
	t := c.table
	for k, v := range c.spot {
		out[k] = v
	}
	c.mu.RUnlock()
	if t != nil && t.spotSec != nil {
		t.spotSec.load()
		for k, rest := range t.spotSec.rows {
			region, typ, _ := strings.Cut(k, "\t")
			if _, ok := out[[2]string{region, typ}]; ok {
				continue
			}
			if a, err := parseSpot(strings.Split(rest, "\t")); err == nil {
				out[[2]string{region, typ}] = a
			}
		}
	}
	return out
}

func checkField(what, s string) error {
	if strings.ContainsAny(s, "\t\n\r") {
		return failure.Internalf("catalog: %s %q contains a tab or line break, which the catalog file cannot hold", what, s)
	}
	return nil
}

// Write writes the catalog in the catalog file format: the same bytes for the
// same content, so the generated embedded file is reproducible.
func (c *Catalog) Write(w io.Writer) error {
	type row struct {
		cells map[int]string // suffix index → "s:m=usd"
	}
	var entries []entry
	if err := c.each("", func(e entry) { entries = append(entries, e) }); err != nil {
		return failure.Internalf("catalog: %v", err)
	}
	suffixSet := map[string]bool{}
	metaSet := map[meta]bool{}
	for _, e := range entries {
		for what, s := range map[string]string{"service": e.service, "region": e.region, "item": e.item,
			"unit": e.p.Unit, "source": e.p.Source, "as-of date": e.p.AsOf} {
			if err := checkField(what, s); err != nil {
				return err
			}
		}
		if e.service == "" || e.region == "" || e.item == "" {
			return failure.Internalf("catalog: a price has an empty service, region or item (%q, %q, %q)", e.service, e.region, e.item)
		}
		_, sfx := splitItem(e.item)
		suffixSet[sfx] = true
		metaSet[meta{e.p.Unit, e.p.Source, e.p.AsOf}] = true
	}
	suffixes := sortedKeys(suffixSet)
	suffixIdx := make(map[string]int, len(suffixes))
	for i, s := range suffixes {
		suffixIdx[s] = i
	}
	metas := make([]meta, 0, len(metaSet))
	for m := range metaSet {
		metas = append(metas, m)
	}
	sort.Slice(metas, func(i, j int) bool {
		a, b := metas[i], metas[j]
		if a.unit != b.unit {
			return a.unit < b.unit
		}
		if a.source != b.source {
			return a.source < b.source
		}
		return a.asOf < b.asOf
	})
	metaIdx := make(map[meta]int, len(metas))
	for i, m := range metas {
		metaIdx[m] = i
	}

	secs := map[[2]string]map[string]*row{}
	for _, e := range entries {
		k := [2]string{e.service, e.region}
		if secs[k] == nil {
			secs[k] = map[string]*row{}
		}
		prefix, sfx := splitItem(e.item)
		r := secs[k][prefix]
		if r == nil {
			r = &row{cells: map[int]string{}}
			secs[k][prefix] = r
		}
		si := suffixIdx[sfx]
		r.cells[si] = fmt.Sprintf("%d:%d=%s", si, metaIdx[meta{e.p.Unit, e.p.Source, e.p.AsOf}], e.p.USD.String())
	}
	secKeys := make([][2]string, 0, len(secs))
	for k := range secs {
		secKeys = append(secKeys, k)
	}
	sort.Slice(secKeys, func(i, j int) bool {
		if secKeys[i][0] != secKeys[j][0] {
			return secKeys[i][0] < secKeys[j][0]
		}
		return secKeys[i][1] < secKeys[j][1]
	})

	type body struct {
		kind, service, region string
		lines                 int
		z                     []byte
	}
	var bodies []body
	addBody := func(kind, service, region string, lines []string) error {
		var b strings.Builder
		fmt.Fprintf(&b, "@\t%s\t%s\t%s\n", kind, service, region)
		for _, l := range lines {
			b.WriteString(l)
			b.WriteByte('\n')
		}
		z, err := gzipBytes(b.String())
		if err != nil {
			return err
		}
		bodies = append(bodies, body{kind, service, region, len(lines), z})
		return nil
	}
	for _, k := range secKeys {
		rows := secs[k]
		prefixes := sortedKeys(rows)
		lines := make([]string, 0, len(prefixes))
		for _, p := range prefixes {
			r := rows[p]
			idx := make([]int, 0, len(r.cells))
			for i := range r.cells {
				idx = append(idx, i)
			}
			sort.Ints(idx)
			var b strings.Builder
			b.WriteString(p)
			for _, i := range idx {
				b.WriteByte('\t')
				b.WriteString(r.cells[i])
			}
			lines = append(lines, b.String())
		}
		if err := addBody(kindPrice, k[0], k[1], lines); err != nil {
			return err
		}
	}
	if specs := c.allSpecs(); len(specs) > 0 {
		lines := make([]string, 0, len(specs))
		for _, typ := range sortedKeys(specs) {
			s := specs[typ]
			for what, v := range map[string]string{"instance type": typ, "arch": s.Arch, "gpu model": s.GPUModel} {
				if err := checkField(what, v); err != nil {
					return err
				}
			}
			lines = append(lines, fmt.Sprintf("%s\t%s\t%s\t%s\t%d\t%s", typ, s.VCPU, s.MemoryGiB, s.Arch, s.GPUCount, s.GPUModel))
		}
		if err := addBody(kindSpec, "-", "-", lines); err != nil {
			return err
		}
	}
	if spot := c.allSpot(); len(spot) > 0 {
		keys := make([][2]string, 0, len(spot))
		for k := range spot {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			if keys[i][0] != keys[j][0] {
				return keys[i][0] < keys[j][0]
			}
			return keys[i][1] < keys[j][1]
		})
		lines := make([]string, 0, len(keys))
		for _, k := range keys {
			a := spot[k]
			for _, v := range []string{k[0], k[1], a.Band} {
				if err := checkField("spot field", v); err != nil {
					return err
				}
			}
			lines = append(lines, fmt.Sprintf("%s\t%s\t%d\t%s", k[0], k[1], a.SavingsPercent, a.Band))
		}
		if err := addBody(kindSpot, "-", "-", lines); err != nil {
			return err
		}
	}

	var h strings.Builder
	fmt.Fprintf(&h, "%s\t%s\n", formatMagic, formatVersion)
	fmt.Fprintf(&h, "date\t%s\n", c.Date())
	for _, s := range c.Sources() {
		for _, v := range []string{s.ID, s.What, s.Where, s.AsOf} {
			if err := checkField("source field", v); err != nil {
				return err
			}
		}
		fmt.Fprintf(&h, "source\t%s\t%s\t%s\t%s\n", s.ID, s.What, s.Where, s.AsOf)
	}
	for _, s := range suffixes {
		fmt.Fprintf(&h, "suffix\t%s\n", s)
	}
	for _, m := range metas {
		fmt.Fprintf(&h, "meta\t%s\t%s\t%s\n", m.unit, m.source, m.asOf)
	}
	off := 0
	for _, b := range bodies {
		fmt.Fprintf(&h, "section\t%s\t%s\t%s\t%d\t%d\t%d\n", b.kind, b.service, b.region, b.lines, off, len(b.z))
		off += len(b.z)
	}
	h.WriteString("end\n")
	hz, err := gzipBytes(h.String())
	if err != nil {
		return err
	}
	chunks := make([][]byte, 0, 1+len(bodies))
	chunks = append(chunks, hz)
	for _, b := range bodies {
		chunks = append(chunks, b.z)
	}
	bw := bufio.NewWriter(w)
	for _, z := range chunks {
		if _, err := bw.Write(z); err != nil {
			return failure.Internalf("catalog: cannot write the catalog: %v", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return failure.Internalf("catalog: cannot write the catalog: %v", err)
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// gzipBytes compresses one member with no name or time, so output is
// reproducible.
func gzipBytes(s string) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := io.WriteString(zw, s); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Load reads a catalog file written by Write (gzip'd or, for hand-made test
// files, plain text) and checks every line. Problems are *failure.Error with
// the file and line of the decompressed text.
func Load(path string) (*Catalog, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		e := failure.Unreadable(path, "the catalog file", "", err)
		e.Hint = "pass a file written by `tfcost catalog import`"
		return nil, e
	}
	return Parse(path, data)
}

// Parse is Load for bytes already in memory; name is used in errors.
func Parse(name string, data []byte) (*Catalog, error) {
	text := data
	if len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err == nil {
			text, err = io.ReadAll(zr)
		}
		if err != nil {
			return nil, &failure.Error{Kind: failure.Input, File: name, Msg: "the catalog file is not a valid gzip stream (truncated or corrupt)",
				Expected: "a file written by `tfcost catalog import`", Err: err}
		}
	}
	return parseText(name, string(text))
}

// lineReader hands out lines with their 1-based numbers.
type lineReader struct {
	rest string
	n    int
	pos  int // byte offset of rest in the whole text
}

func (r *lineReader) next() (string, bool) {
	if r.rest == "" {
		return "", false
	}
	r.n++
	line := r.rest
	if i := strings.IndexByte(r.rest, '\n'); i >= 0 {
		line, r.rest = r.rest[:i], r.rest[i+1:]
		r.pos += i + 1
	} else {
		r.pos += len(r.rest)
		r.rest = ""
	}
	return strings.TrimSuffix(line, "\r"), true
}

type parsedHeader struct {
	t       *table
	date    string
	sources []Source
}

func parseHeader(name string, r *lineReader) (*parsedHeader, error) {
	bad := func(msg, expected string) error {
		return failure.At(name, r.n, 0, msg, expected)
	}
	first, ok := r.next()
	if !ok || first != formatMagic+"\t"+formatVersion {
		if ok && strings.HasPrefix(first, formatMagic+"\t") {
			return nil, bad("unsupported catalog format version "+strings.TrimPrefix(first, formatMagic+"\t"), "version "+formatVersion)
		}
		r.n = 1
		return nil, bad("this is not a tfcost catalog file", `a first line "tfcost-catalog<TAB>1" (a file written by `+"`tfcost catalog import`"+`)`)
	}
	h := &parsedHeader{t: &table{suffixIdx: map[string]int{}, byKey: map[[2]string]*section{}}}
	for {
		line, ok := r.next()
		if !ok {
			r.n++ // where "end" was expected
			return nil, bad("the catalog header ends without an \"end\" line (truncated file?)", `"end"`)
		}
		f := strings.Split(line, "\t")
		switch f[0] {
		case "end":
			return h, nil
		case "date":
			if len(f) != 2 {
				return nil, bad("malformed date line", "date<TAB>YYYY-MM-DD")
			}
			h.date = f[1]
		case "source":
			if len(f) != 5 {
				return nil, bad("malformed source line", "source<TAB>id<TAB>what<TAB>where<TAB>as-of")
			}
			h.sources = append(h.sources, Source{ID: f[1], What: f[2], Where: f[3], AsOf: f[4]})
		case "suffix":
			if len(f) != 2 {
				return nil, bad("malformed suffix line", "suffix<TAB>text")
			}
			if _, dup := h.t.suffixIdx[f[1]]; dup {
				return nil, bad(fmt.Sprintf("suffix %q is listed twice", f[1]), "each suffix once")
			}
			h.t.suffixIdx[f[1]] = len(h.t.suffixes)
			h.t.suffixes = append(h.t.suffixes, f[1])
		case "meta":
			if len(f) != 4 {
				return nil, bad("malformed meta line", "meta<TAB>unit<TAB>source<TAB>as-of")
			}
			h.t.metas = append(h.t.metas, meta{f[1], f[2], f[3]})
		case "section":
			if len(f) != 7 {
				return nil, bad("malformed section line", "section<TAB>kind<TAB>service<TAB>region<TAB>lines<TAB>offset<TAB>length")
			}
			n, err1 := strconv.Atoi(f[4])
			off, err2 := strconv.Atoi(f[5])
			ln, err3 := strconv.Atoi(f[6])
			if err1 != nil || err2 != nil || err3 != nil || n < 0 || off < 0 || ln < 0 {
				return nil, bad("section line counts must be non-negative integers", "")
			}
			s := &section{kind: f[1], service: f[2], region: f[3], lines: n}
			switch s.kind {
			case kindPrice:
				k := [2]string{s.service, s.region}
				if h.t.byKey[k] != nil {
					return nil, bad(fmt.Sprintf("section %s %s is listed twice", s.service, s.region), "")
				}
				h.t.byKey[k] = s
			case kindSpec:
				h.t.specSec = s
			case kindSpot:
				h.t.spotSec = s
			default:
				return nil, bad(fmt.Sprintf("unknown section kind %q", s.kind), "price, spec or spot")
			}
			// The offset and length only matter to parseEmbedded.
			h.t.sections = append(h.t.sections, s)
			h.t.sectionZ = append(h.t.sectionZ, [2]int{off, ln})
		default:
			return nil, bad(fmt.Sprintf("unknown header record %q", f[0]), "date, source, suffix, meta, section or end")
		}
	}
}

func newCatalog(h *parsedHeader) *Catalog {
	c := New()
	c.table = h.t
	c.date = h.date
	c.sources = h.sources
	return c
}

// parseText parses and checks a whole catalog text.
func parseText(name, text string) (*Catalog, error) {
	r := &lineReader{rest: text}
	h, err := parseHeader(name, r)
	if err != nil {
		return nil, err
	}
	t := h.t
	for _, s := range t.sections {
		marker, ok := r.next()
		want := "@\t" + s.kind + "\t" + s.service + "\t" + s.region
		if !ok {
			return nil, failure.At(name, r.n+1, 0, fmt.Sprintf("section %s %s %s is missing (truncated file?)", s.kind, s.service, s.region), want)
		}
		if marker != want {
			return nil, failure.At(name, r.n, 0, fmt.Sprintf("unexpected line %q", clip(marker)), fmt.Sprintf("the start of section %s %s %s", s.kind, s.service, s.region))
		}
		start := r.pos
		seen := make(map[string]bool, s.lines)
		for i := 0; i < s.lines; i++ {
			line, ok := r.next()
			if !ok {
				return nil, failure.At(name, r.n+1, 0, fmt.Sprintf("section %s %s %s ends after %d of its %d lines (truncated file?)", s.kind, s.service, s.region, i, s.lines), "")
			}
			if err := checkLine(t, s.kind, line, seen); err != nil {
				return nil, failure.At(name, r.n, 0, err.Error(), "")
			}
		}
		s.text = text[start:r.pos]
	}
	if extra, ok := r.next(); ok {
		return nil, failure.At(name, r.n, 0, fmt.Sprintf("unexpected line %q after the last section", clip(extra)), "end of file")
	}
	t.sectionZ = nil
	return newCatalog(h), nil
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

func checkLine(t *table, kind, line string, seen map[string]bool) error {
	keyFields := 1
	if kind == kindSpot {
		keyFields = 2
	}
	k, rest := splitKey(line, keyFields)
	if k == "" || rest == "" {
		return fmt.Errorf("line has too few fields")
	}
	if seen[k] {
		return fmt.Errorf("%q appears twice in this section", k)
	}
	seen[k] = true
	switch kind {
	case kindPrice:
		used := map[int]bool{}
		for _, cs := range strings.Split(rest, "\t") {
			c, err := parseCell(cs, len(t.suffixes), len(t.metas))
			if err != nil {
				return fmt.Errorf("%v in %q", err, clip(cs))
			}
			if used[c.suffix] {
				return fmt.Errorf("item %q has two prices", k+t.suffixes[c.suffix])
			}
			used[c.suffix] = true
		}
	case kindSpec:
		_, err := parseSpec(strings.Split(rest, "\t"))
		return err
	case kindSpot:
		_, err := parseSpot(strings.Split(rest, "\t"))
		return err
	}
	return nil
}

// parseEmbedded reads only the header member and keeps each section's
// compressed member for later; the file is trusted (tests load it fully).
func parseEmbedded(data []byte) (*Catalog, error) {
	br := bytes.NewReader(data)
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, err
	}
	zr.Multistream(false)
	head, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	base := len(data) - br.Len()
	h, err := parseHeader("embedded catalog", &lineReader{rest: string(head)})
	if err != nil {
		return nil, err
	}
	for i, s := range h.t.sections {
		off, ln := h.t.sectionZ[i][0], h.t.sectionZ[i][1]
		if base+off+ln > len(data) {
			return nil, fmt.Errorf("section %s %s %s lies outside the file", s.kind, s.service, s.region)
		}
		s.z = data[base+off : base+off+ln]
	}
	h.t.sectionZ = nil
	return newCatalog(h), nil
}
