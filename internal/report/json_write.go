package report

import (
	"encoding/json"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/recommend"
)

// jsonWriter writes a JSONRoot exactly as encoding/json's Encoder with
// SetIndent("", "  ") and SetEscapeHTML(false) would, but streams it and
// writes the hot types (resources, components) by hand: reflection and
// re-indenting a whole document dominated `breakdown --format json` on large
// plans. TestJSONWriterMatchesEncodingJSON keeps the two byte-identical.
//
// Output is appended to out and handed to w in blocks of about flushAt
// bytes; a writer with a nil w only fills out (one chunk of resources
// rendered by a worker, see parallelResources).
type jsonWriter struct {
	w     io.Writer
	out   []byte
	depth int
	first []bool // per open object/array: no member written yet
	err   error
}

const flushAt = 64 << 10

func writeJSON(w io.Writer, root *JSONRoot) error {
	jw := &jsonWriter{w: w, out: make([]byte, 0, 2*flushAt)}
	jw.root(root)
	jw.raw("\n")
	jw.writeOut()
	return jw.err
}

// writeOut hands the buffered output to w.
func (j *jsonWriter) writeOut() {
	if j.w == nil {
		return
	}
	if j.err == nil && len(j.out) > 0 {
		_, j.err = j.w.Write(j.out)
	}
	j.out = j.out[:0]
}

// maybeFlush writes the buffer out once it is large enough.
func (j *jsonWriter) maybeFlush() {
	if len(j.out) >= flushAt {
		j.writeOut()
	}
}

func (j *jsonWriter) raw(s string) { j.out = append(j.out, s...) }

func (j *jsonWriter) bytes(b []byte) { j.out = append(j.out, b...) }

// indents is a newline followed by enough indentation for any depth used.
var indents = "\n" + strings.Repeat("  ", 32)

func (j *jsonWriter) newline() {
	if n := 1 + 2*j.depth; n <= len(indents) {
		j.raw(indents[:n])
		return
	}
	j.raw("\n")
	j.raw(strings.Repeat("  ", j.depth))
}

func (j *jsonWriter) open(c string) {
	j.raw(c)
	j.depth++
	j.first = append(j.first, true)
}

func (j *jsonWriter) close(c string) {
	empty := j.first[len(j.first)-1]
	j.first = j.first[:len(j.first)-1]
	j.depth--
	if !empty {
		j.newline()
	}
	j.raw(c)
}

// next starts an array element or object member.
func (j *jsonWriter) next() {
	if !j.first[len(j.first)-1] {
		j.raw(",")
	}
	j.first[len(j.first)-1] = false
	j.newline()
}

// key starts a member named by a Go literal of the writer: such names need
// no escaping. Names from data (tags) go through str.
func (j *jsonWriter) key(k string) {
	j.next()
	j.out = append(append(append(j.out, '"'), k...), '"', ':', ' ')
}

func (j *jsonWriter) str(s string) { j.out = appendJSONString(j.out, s) }

func (j *jsonWriter) dec(d decimal.Decimal) {
	j.out = append(appendDecimal(append(j.out, '"'), d), '"')
}

// appendDecimal appends d as d.String() writes it (no exponent, trailing
// zeros dropped) without big.Int formatting when the coefficient fits in an
// int64, which is every figure tfcost computes in practice.
func appendDecimal(b []byte, d decimal.Decimal) []byte {
	if d.NumDigits() > 18 {
		return append(b, d.String()...)
	}
	coef, exp := d.CoefficientInt64(), int(d.Exponent())
	if coef == 0 {
		return append(b, '0')
	}
	if coef < 0 {
		b = append(b, '-')
		coef = -coef
	}
	var digits [24]byte
	ds := strconv.AppendInt(digits[:0], coef, 10)
	if exp >= 0 {
		b = append(b, ds...)
		for i := 0; i < exp; i++ {
			b = append(b, '0')
		}
		return b
	}
	// Drop trailing zeros of the fraction.
	for exp < 0 && ds[len(ds)-1] == '0' {
		ds = ds[:len(ds)-1]
		exp++
	}
	if exp == 0 {
		return append(b, ds...)
	}
	frac := -exp
	if len(ds) > frac {
		b = append(b, ds[:len(ds)-frac]...)
		b = append(b, '.')
		return append(b, ds[len(ds)-frac:]...)
	}
	b = append(b, '0', '.')
	for i := len(ds); i < frac; i++ {
		b = append(b, '0')
	}
	return append(b, ds...)
}

func (j *jsonWriter) optDec(d *decimal.Decimal) {
	if d == nil {
		j.raw("null")
		return
	}
	j.dec(*d)
}

func (j *jsonWriter) boolean(b bool) {
	if b {
		j.raw("true")
	} else {
		j.raw("false")
	}
}

// value writes a less frequent value with encoding/json at the current depth.
func (j *jsonWriter) value(v any) {
	prefix := make([]byte, 0, 2*j.depth)
	for i := 0; i < j.depth; i++ {
		prefix = append(prefix, ' ', ' ')
	}
	b, err := json.MarshalIndent(v, string(prefix), "  ")
	if err != nil {
		if j.err == nil {
			j.err = err
		}
		return
	}
	// MarshalIndent escapes HTML; the Encoder used for tfcost JSON does not.
	j.bytes(unescapeHTML(b))
}

// optStr writes member k unless v is empty (omitempty).
func (j *jsonWriter) optStr(k, v string) {
	if v == "" {
		return
	}
	j.key(k)
	j.str(v)
}

func (j *jsonWriter) root(r *JSONRoot) {
	j.open("{")
	j.key("version")
	j.str(r.Version)
	j.key("metadata")
	j.value(r.Metadata)
	j.key("currency")
	j.str(r.Currency)
	j.key("projects")
	if r.Projects == nil {
		j.raw("null")
	} else {
		j.open("[")
		for i := range r.Projects {
			j.next()
			j.project(&r.Projects[i])
		}
		j.close("]")
	}
	j.key("totalHourlyCost")
	j.optDec(r.TotalHourlyCost)
	j.key("totalMonthlyCost")
	j.optDec(r.TotalMonthlyCost)
	j.key("pastTotalHourlyCost")
	j.optDec(r.PastTotalHourlyCost)
	j.key("pastTotalMonthlyCost")
	j.optDec(r.PastTotalMonthlyCost)
	j.key("diffTotalHourlyCost")
	j.optDec(r.DiffTotalHourlyCost)
	j.key("diffTotalMonthlyCost")
	j.optDec(r.DiffTotalMonthlyCost)
	j.key("timeGenerated")
	j.str(r.TimeGenerated.Format(time.RFC3339Nano))
	j.key("summary")
	j.value(r.Summary)
	j.key("totalAnnualCost")
	j.optDec(r.TotalAnnualCost)
	j.key("pastTotalAnnualCost")
	j.optDec(r.PastTotalAnnualCost)
	j.key("diffTotalAnnualCost")
	j.optDec(r.DiffTotalAnnualCost)
	j.key("categories")
	j.value(r.Categories)
	j.optStr("catalogDate", r.CatalogDate)
	j.close("}")
}

func (j *jsonWriter) project(p *JSONProject) {
	j.open("{")
	j.key("name")
	j.str(p.Name)
	j.key("metadata")
	j.value(p.Metadata)
	for _, b := range []struct {
		k string
		b *JSONBreakdown
	}{{"pastBreakdown", p.PastBreakdown}, {"breakdown", p.Breakdown}, {"diff", p.Diff}} {
		j.key(b.k)
		j.breakdown(b.b)
	}
	j.key("summary")
	j.value(p.Summary)
	j.key("categories")
	j.value(p.Categories)
	j.key("resourceTypes")
	j.value(p.ResourceTypes)
	if p.Range != nil {
		j.key("range")
		j.value(p.Range)
	}
	if p.Carbon != nil {
		j.key("carbon")
		j.value(p.Carbon)
	}
	if p.UnitEconomics != nil {
		j.key("unitEconomics")
		j.value(p.UnitEconomics)
	}
	if len(p.Recommendations) > 0 {
		j.key("recommendations")
		j.recommendations(p.Recommendations)
	}
	j.optStr("catalogDate", p.CatalogDate)
	if len(p.Warnings) > 0 {
		j.key("warnings")
		j.strings(p.Warnings)
	}
	j.close("}")
}

// recommendations writes the list as encoding/json writes
// recommend.Recommendation (one per priced resource on large plans:
// MarshalIndent and re-indenting were most of their rendering time).
// TestJSONWriterRecommendations keeps the two identical.
func (j *jsonWriter) recommendations(recs []recommend.Recommendation) {
	j.open("[")
	for i := range recs {
		r := &recs[i]
		j.next()
		j.open("{")
		j.key("resource")
		j.str(r.Address)
		j.key("resourceType")
		j.str(r.Type)
		j.key("kind")
		j.str(string(r.Kind))
		j.key("title")
		j.str(r.Title)
		j.optStr("terraformResource", r.Target)
		j.optStr("attribute", r.Attribute)
		j.optStr("value", r.Value)
		j.key("change")
		j.str(r.Change)
		j.key("currentMonthlyCost")
		j.dec(r.CurrentMonthly)
		j.key("monthlySaving")
		j.dec(r.MonthlySaving)
		j.key("newMonthlyCost")
		j.dec(r.NewMonthly)
		j.key("risk")
		j.str(r.Risk.String())
		j.key("why")
		j.str(r.Why)
		j.key("basis")
		j.str(r.Basis)
		if r.Approximate {
			j.key("approximate")
			j.raw("true")
		}
		j.optStr("project", r.Project)
		j.close("}")
		j.maybeFlush()
	}
	j.close("]")
}

func (j *jsonWriter) strings(ss []string) {
	j.open("[")
	for _, s := range ss {
		j.next()
		j.str(s)
	}
	j.close("]")
}

func (j *jsonWriter) breakdown(b *JSONBreakdown) {
	if b == nil {
		j.raw("null")
		return
	}
	j.open("{")
	j.key("resources")
	j.resources(b.Resources)
	if len(b.FreeResources) > 0 {
		j.key("freeResources")
		j.resources(b.FreeResources)
	}
	if len(b.UnsupportedResources) > 0 {
		j.key("unsupportedResources")
		j.resources(b.UnsupportedResources)
	}
	j.key("totalHourlyCost")
	j.optDec(b.TotalHourlyCost)
	j.key("totalMonthlyCost")
	j.optDec(b.TotalMonthlyCost)
	j.key("totalAnnualCost")
	j.optDec(b.TotalAnnualCost)
	j.close("}")
}

func (j *jsonWriter) resources(rs []JSONResource) {
	if rs == nil {
		j.raw("null")
		return
	}
	j.open("[")
	if j.w != nil && len(rs) >= 2*resourceChunk && runtime.GOMAXPROCS(0) > 1 {
		j.parallelResources(rs)
	} else {
		for i := range rs {
			j.next()
			j.resource(&rs[i])
			j.maybeFlush()
		}
	}
	j.close("]")
}

// resourceChunk is how many resources a worker renders at a time: large
// enough to amortise the hand-off, small enough that the chunks in flight
// stay a few MB.
const resourceChunk = 256

var chunkBufs = sync.Pool{New: func() any { return new([]byte) }}

func getChunkBuf() *[]byte {
	if b, ok := chunkBufs.Get().(*[]byte); ok {
		return b
	}
	return new([]byte)
}

// parallelResources renders rs (inside an array j has just opened) in
// chunks on every CPU and writes the chunks in order, so the output is the
// same bytes the sequential loop writes. At most 2 × GOMAXPROCS chunks are
// in flight, which bounds the memory held by rendered but unwritten output.
func (j *jsonWriter) parallelResources(rs []JSONResource) {
	type chunk struct {
		lo, hi int
		buf    *[]byte
		err    error
		done   chan struct{}
	}
	workers := runtime.GOMAXPROCS(0)
	work := make(chan *chunk, 2*workers)
	order := make(chan *chunk, 2*workers)
	go func() {
		for lo := 0; lo < len(rs); lo += resourceChunk {
			c := &chunk{lo: lo, hi: min(lo+resourceChunk, len(rs)), done: make(chan struct{})}
			order <- c
			work <- c
		}
		close(work)
		close(order)
	}()
	first := j.first[len(j.first)-1]
	for range workers {
		go func() {
			for c := range work {
				c.buf = getChunkBuf()
				sub := &jsonWriter{out: (*c.buf)[:0], depth: j.depth, first: []bool{first && c.lo == 0}}
				for i := c.lo; i < c.hi; i++ {
					sub.next()
					sub.resource(&rs[i])
				}
				*c.buf, c.err = sub.out, sub.err
				close(c.done)
			}
		}()
	}
	for c := range order {
		<-c.done
		if j.err == nil {
			j.err = c.err
		}
		j.writeOut()
		if j.err == nil {
			_, j.err = j.w.Write(*c.buf)
		}
		chunkBufs.Put(c.buf)
	}
	j.first[len(j.first)-1] = false
}

func (j *jsonWriter) resource(r *JSONResource) {
	j.open("{")
	j.key("name")
	j.str(r.Name)
	j.optStr("resourceType", r.ResourceType)
	if len(r.Tags) > 0 {
		j.key("tags")
		j.tags(r.Tags)
	}
	j.key("metadata")
	if len(r.Metadata) == 0 && r.Metadata != nil {
		j.raw("{}")
	} else {
		j.value(r.Metadata)
	}
	j.key("hourlyCost")
	j.optDec(r.HourlyCost)
	j.key("monthlyCost")
	j.optDec(r.MonthlyCost)
	if len(r.CostComponents) > 0 {
		j.key("costComponents")
		j.open("[")
		for i := range r.CostComponents {
			j.next()
			j.component(&r.CostComponents[i])
		}
		j.close("]")
	}
	if len(r.Subresources) > 0 {
		j.key("subresources")
		j.resources(r.Subresources)
	}
	j.optStr("module", r.Module)
	j.optStr("region", r.Region)
	j.optStr("regionSource", r.RegionSource)
	j.optStr("action", r.Action)
	j.optStr("status", r.Status)
	if r.Range != nil {
		j.key("range")
		j.rng(r.Range)
	}
	if r.CarbonKg != nil {
		j.key("carbonKgCO2e")
		j.dec(*r.CarbonKg)
	}
	if len(r.Warnings) > 0 {
		j.key("warnings")
		j.strings(r.Warnings)
	}
	j.optStr("note", r.Note)
	j.close("}")
}

// tags writes a map as encoding/json does: keys in byte order.
func (j *jsonWriter) tags(m map[string]string) {
	var small [16]string
	keys := small[:0]
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	j.open("{")
	for _, k := range keys {
		j.next()
		j.str(k)
		j.raw(": ")
		j.str(m[k])
	}
	j.close("}")
}

func (j *jsonWriter) rng(r *estimate.Range) {
	j.open("{")
	j.key("min")
	j.dec(r.Min)
	j.key("expected")
	j.dec(r.Expected)
	j.key("max")
	j.dec(r.Max)
	j.optStr("basis", r.Basis)
	j.close("}")
}

func (j *jsonWriter) component(c *JSONCostComponent) {
	j.open("{")
	j.key("name")
	j.str(c.Name)
	j.key("unit")
	j.str(c.Unit)
	j.key("hourlyQuantity")
	j.optDec(c.HourlyQuantity)
	j.key("monthlyQuantity")
	j.optDec(c.MonthlyQuantity)
	j.key("price")
	j.optDec(c.Price)
	j.key("hourlyCost")
	j.optDec(c.HourlyCost)
	j.key("monthlyCost")
	j.optDec(c.MonthlyCost)
	j.key("usageBased")
	j.boolean(c.UsageBased)
	j.key("category")
	j.str(string(c.Category))
	j.key("approximate")
	j.boolean(c.Approximate)
	j.key("unknown")
	j.boolean(c.Unknown)
	j.key("unpriced")
	j.boolean(c.Unpriced)
	j.optStr("priceSource", c.PriceSource)
	j.optStr("priceAsOf", c.PriceAsOf)
	j.optStr("priceRegion", c.PriceRegion)
	j.optStr("note", c.Note)
	j.close("}")
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s quoted as encoding/json does with HTML escaping
// off: control characters as \u00XX (\n, \r, \t short), U+2028/U+2029
// escaped, invalid UTF-8 replaced by U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		// Skip eight bytes at a time while none needs attention (a control
		// character, a quote, a backslash or a non-ASCII byte).
		for i+8 <= len(s) {
			w := load64(s, i)
			if (w-lsb*0x20)&^w&msb|hasZero(w^(lsb*'"'))|hasZero(w^(lsb*'\\'))|w&msb != 0 {
				break
			}
			i += 8
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// hasZero is non-zero when some byte of w is zero.
func hasZero(w uint64) uint64 { return (w - lsb) & ^w & msb }

// load64 reads s[i:i+8] as a little-endian word (one load once compiled).
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// unescapeHTML undoes json.Marshal's \u003c, \u003e and \u0026 escapes
// (they only ever appear inside strings, where the plain characters are
// equally valid JSON).
func unescapeHTML(b []byte) []byte {
	out := b[:0]
	for i := 0; i < len(b); i++ {
		if b[i] == '\\' && i+5 < len(b) && b[i+1] == 'u' && b[i+2] == '0' && b[i+3] == '0' {
			switch string(b[i+4 : i+6]) {
			case "3c":
				out = append(out, '<')
				i += 5
				continue
			case "3e":
				out = append(out, '>')
				i += 5
				continue
			case "26":
				out = append(out, '&')
				i += 5
				continue
			}
		}
		if b[i] == '\\' && i+1 < len(b) {
			// Keep any other escape pair intact (including an escaped backslash
			// followed by "u003c" text).
			out = append(out, b[i], b[i+1])
			i++
			continue
		}
		out = append(out, b[i])
	}
	return out
}
