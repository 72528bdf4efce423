package plan

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"strconv"
	"unicode/utf8"
)

// scanner is a small validating JSON scanner over one buffer. It never
// copies values: callers get byte spans of the input (json.RawMessage
// sub-slices) and decode only the few small pieces they need. Reading the
// whole plan once with it is what keeps tfcost faster than decoding the plan
// into Go structs (see internal/bench).
//
// Errors do not panic or unwind: the first one is kept in err and every
// method returns false from then on, so callers just propagate false.
type scanner struct {
	data  []byte
	pos   int
	depth int
	err   *syntaxError

	// release, when set, gives the pages of data[from:to] back to the OS
	// (a memory-mapped file, read once from start to end) and returns how
	// far it released; hold is the first offset still needed.
	release    func(from, to int) int
	releasedTo int
	hold       int
}

// releaseStep is how much input is scanned between releases.
const releaseStep = 8 << 20

// maybeRelease releases the input before offset i (and before hold).
func (s *scanner) maybeRelease(i int) {
	upto := min(i, s.hold)
	if upto-s.releasedTo < releaseStep {
		return
	}
	s.releasedTo = s.release(s.releasedTo, upto)
}

// syntaxError is a problem at a byte offset; line and column are computed
// only when it is reported (see position).
type syntaxError struct {
	off      int
	msg      string
	expected string
}

// maxDepth bounds nesting so that hostile input cannot grow the stack
// without limit; real plans nest a few dozen levels at most.
const maxDepth = 10000

// strPlain marks bytes that can appear unescaped inside a JSON string.
var strPlain [256]bool

func init() {
	for i := 0x20; i < 256; i++ {
		strPlain[i] = true
	}
	strPlain['"'] = false
	strPlain['\\'] = false
}

func (s *scanner) fail(off int, msg, expected string) bool {
	if s.err == nil {
		s.err = &syntaxError{off: off, msg: msg, expected: expected}
	}
	return false
}

// failHere reports what was found at the current position.
func (s *scanner) failHere(expected string) bool {
	if s.pos >= len(s.data) {
		return s.fail(s.pos, "unexpected end of input (the file looks truncated)", expected)
	}
	return s.fail(s.pos, "unexpected "+describe(s.data, s.pos), expected)
}

// describe names the byte at off for an error message.
func describe(data []byte, off int) string {
	c := data[off]
	switch {
	case c == '"':
		return "string"
	case c == '{':
		return "object"
	case c == '[':
		return "array"
	case bytes.HasPrefix(data[off:], []byte("true")) || bytes.HasPrefix(data[off:], []byte("false")):
		return "boolean"
	case bytes.HasPrefix(data[off:], []byte("null")):
		return "null"
	case c == '-' || (c >= '0' && c <= '9'):
		return "number"
	case c >= 0x20 && c < 0x7f:
		return strconv.QuoteRune(rune(c))
	default:
		r, _ := utf8.DecodeRune(data[off:])
		if r == utf8.RuneError {
			return "byte " + strconv.Quote(string(c))
		}
		return "character " + strconv.QuoteRune(r)
	}
}

// ws skips JSON whitespace.
func (s *scanner) ws() {
	d, i := s.data, s.pos
	for i < len(d) {
		switch d[i] {
		case ' ', '\n', '\r', '\t':
			i++
			continue
		}
		break
	}
	s.pos = i
}

// peek returns the next non-space byte, or 0 at the end.
func (s *scanner) peek() byte {
	s.ws()
	if s.pos >= len(s.data) {
		return 0
	}
	return s.data[s.pos]
}

// skipValue validates and skips one value, returning its span.
func (s *scanner) skipValue() (json.RawMessage, bool) {
	s.ws()
	start := s.pos
	if !s.value() {
		return nil, false
	}
	return s.data[start:s.pos:s.pos], true
}

// value validates and skips one value starting at pos (no leading space).
// It is iterative with its own small stack because skipping is where most
// of a plan's bytes go (planned_values, prior_state, attribute objects).
func (s *scanner) value() bool {
	var (
		d     = s.data
		i     = s.pos
		buf   [64]byte
		stack = buf[:0]
		c     byte
	)
value:
	for i < len(d) && (d[i] == ' ' || d[i] == '\n' || d[i] == '\r' || d[i] == '\t') {
		i++
	}
	if i >= len(d) {
		s.pos = i
		return s.failHere("a value")
	}
	c = d[i]
	switch {
	case c == '"':
		s.pos = i
		if _, _, ok := s.stringSpan(); !ok {
			return false
		}
		i = s.pos
	case c == '{' || c == '[':
		if s.depth+len(stack) >= maxDepth {
			s.pos = i
			return s.fail(i, "nesting too deep", "at most 10000 nested objects and arrays")
		}
		stack = append(stack, c)
		i++
		for i < len(d) && (d[i] == ' ' || d[i] == '\n' || d[i] == '\r' || d[i] == '\t') {
			i++
		}
		if c == '{' {
			if i < len(d) && d[i] == '}' {
				stack = stack[:len(stack)-1]
				i++
				goto after
			}
			goto key
		}
		if i < len(d) && d[i] == ']' {
			stack = stack[:len(stack)-1]
			i++
			goto after
		}
		goto value
	case c == 't':
		s.pos = i
		if !s.literal("true") {
			return false
		}
		i = s.pos
	case c == 'f':
		s.pos = i
		if !s.literal("false") {
			return false
		}
		i = s.pos
	case c == 'n':
		s.pos = i
		if !s.literal("null") {
			return false
		}
		i = s.pos
	case c == '-' || (c >= '0' && c <= '9'):
		s.pos = i
		if !s.number() {
			return false
		}
		i = s.pos
	default:
		s.pos = i
		return s.failHere("a value")
	}
after:
	if s.release != nil {
		s.maybeRelease(i)
	}
	if len(stack) == 0 {
		s.pos = i
		return true
	}
	for i < len(d) && (d[i] == ' ' || d[i] == '\n' || d[i] == '\r' || d[i] == '\t') {
		i++
	}
	s.pos = i
	if i >= len(d) {
		if stack[len(stack)-1] == '{' {
			return s.failHere("',' or '}'")
		}
		return s.failHere("',' or ']'")
	}
	c = d[i]
	if stack[len(stack)-1] == '{' {
		switch c {
		case ',':
			i++
			goto key
		case '}':
			stack = stack[:len(stack)-1]
			i++
			goto after
		}
		return s.failHere("',' or '}'")
	}
	switch c {
	case ',':
		i++
		goto value
	case ']':
		stack = stack[:len(stack)-1]
		i++
		goto after
	}
	return s.failHere("',' or ']'")
key:
	for i < len(d) && (d[i] == ' ' || d[i] == '\n' || d[i] == '\r' || d[i] == '\t') {
		i++
	}
	s.pos = i
	if i >= len(d) || d[i] != '"' {
		return s.failHere("a string key")
	}
	if _, _, ok := s.stringSpan(); !ok {
		return false
	}
	i = s.pos
	for i < len(d) && (d[i] == ' ' || d[i] == '\n' || d[i] == '\r' || d[i] == '\t') {
		i++
	}
	if i >= len(d) || d[i] != ':' {
		s.pos = i
		return s.failHere("':' after the object key")
	}
	i++
	goto value
}

func (s *scanner) literal(word string) bool {
	end := s.pos + len(word)
	if end > len(s.data) || string(s.data[s.pos:end]) != word {
		// Point at the first byte that differs.
		i := 0
		for s.pos+i < len(s.data) && i < len(word) && s.data[s.pos+i] == word[i] {
			i++
		}
		s.pos += i
		return s.failHere(strconv.Quote(word))
	}
	s.pos = end
	return true
}

func (s *scanner) number() bool {
	d, i := s.data, s.pos
	if i < len(d) && d[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
			n++
		}
		return n
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && d[i] >= '1' && d[i] <= '9':
		digits()
	default:
		s.pos = i
		return s.failHere("a digit")
	}
	if i < len(d) && d[i] == '.' {
		i++
		if digits() == 0 {
			s.pos = i
			return s.failHere("a digit after the decimal point")
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if digits() == 0 {
			s.pos = i
			return s.failHere("a digit in the exponent")
		}
	}
	s.pos = i
	return true
}

// stringSpan validates a string at pos and returns its contents (between
// the quotes, escapes not decoded) and whether it has escapes.
func (s *scanner) stringSpan() ([]byte, bool, bool) {
	d := s.data
	start := s.pos + 1
	i := start
	escaped := false
	for {
		// Eight bytes at a time while none of them is a quote, a
		// backslash or a control character (SWAR: exact for "any byte").
		for i+8 <= len(d) {
			w := binary.LittleEndian.Uint64(d[i:])
			if (hasLess(w, 0x20) | hasZero(w^(lsb*'"')) | hasZero(w^(lsb*'\\'))) != 0 {
				break
			}
			i += 8
		}
		for i < len(d) && strPlain[d[i]] {
			i++
		}
		if i >= len(d) {
			s.pos = i
			return nil, false, s.failHere(`'"' to close the string`)
		}
		switch d[i] {
		case '"':
			s.pos = i + 1
			return d[start:i:i], escaped, true
		case '\\':
			escaped = true
			if i+1 >= len(d) {
				s.pos = i + 1
				return nil, false, s.failHere("an escape sequence")
			}
			switch d[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				for k := 2; k < 6; k++ {
					if i+k >= len(d) || !isHex(d[i+k]) {
						s.pos = i + k
						return nil, false, s.failHere("4 hex digits after \\u")
					}
				}
				i += 6
			default:
				s.pos = i + 1
				return nil, false, s.failHere(`an escape sequence (\" \\ \/ \b \f \n \r \t \uXXXX)`)
			}
		default:
			s.pos = i
			return nil, false, s.fail(i, "control character inside a string", "it escaped (e.g. \\n)")
		}
	}
}

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// hasZero is non-zero when some byte of w is zero.
func hasZero(w uint64) uint64 { return (w - lsb) & ^w & msb }

// hasLess is non-zero when some byte of w is below n (n ≤ 128).
func hasLess(w, n uint64) uint64 { return (w - lsb*n) & ^w & msb }

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func (s *scanner) enter() bool {
	s.depth++
	if s.depth > maxDepth {
		return s.fail(s.pos, "nesting too deep", "at most 10000 nested objects and arrays")
	}
	return true
}

// object validates an object at the current position and calls member for
// each key with pos at the (space-skipped) value; member must consume the
// value. what names the object in type errors ("" when the caller has
// already checked the opening brace).
func (s *scanner) object(what string, member func(key []byte) bool) bool {
	s.ws()
	if s.pos >= len(s.data) || s.data[s.pos] != '{' {
		if what == "" {
			what = "an object"
		}
		return s.failHere(what)
	}
	if !s.enter() {
		return false
	}
	s.pos++
	s.ws()
	if s.pos < len(s.data) && s.data[s.pos] == '}' {
		s.pos++
		s.depth--
		return true
	}
	for {
		s.ws()
		if s.pos >= len(s.data) || s.data[s.pos] != '"' {
			return s.failHere("a string key")
		}
		key, esc, ok := s.stringSpan()
		if !ok {
			return false
		}
		if esc {
			key = unescape(key)
		}
		s.ws()
		if s.pos >= len(s.data) || s.data[s.pos] != ':' {
			return s.failHere("':' after the object key")
		}
		s.pos++
		s.ws()
		if !member(key) {
			return false
		}
		s.ws()
		if s.pos >= len(s.data) {
			return s.failHere("',' or '}'")
		}
		switch s.data[s.pos] {
		case ',':
			s.pos++
		case '}':
			s.pos++
			s.depth--
			return true
		default:
			return s.failHere("',' or '}'")
		}
	}
}

// array is object's counterpart for arrays; elem must consume one value.
func (s *scanner) array(what string, elem func() bool) bool {
	s.ws()
	if s.pos >= len(s.data) || s.data[s.pos] != '[' {
		if what == "" {
			what = "an array"
		}
		return s.failHere(what)
	}
	if !s.enter() {
		return false
	}
	s.pos++
	s.ws()
	if s.pos < len(s.data) && s.data[s.pos] == ']' {
		s.pos++
		s.depth--
		return true
	}
	for {
		s.ws()
		if !elem() {
			return false
		}
		s.ws()
		if s.pos >= len(s.data) {
			return s.failHere("',' or ']'")
		}
		switch s.data[s.pos] {
		case ',':
			s.pos++
		case ']':
			s.pos++
			s.depth--
			return true
		default:
			return s.failHere("',' or ']'")
		}
	}
}

// str reads a string value (what names it for the error when it is not one).
func (s *scanner) str(what string) (string, bool) {
	s.ws()
	if s.pos >= len(s.data) || s.data[s.pos] != '"' {
		return "", s.failHere(what)
	}
	b, esc, ok := s.stringSpan()
	if !ok {
		return "", false
	}
	if esc {
		return string(unescape(b)), true
	}
	return string(b), true
}

// strOrNull reads a string or null ("" for null).
func (s *scanner) strOrNull(what string) (string, bool) {
	if s.peek() == 'n' {
		return "", s.literal("null")
	}
	return s.str(what)
}

// isNull consumes a null and reports whether the value was one. A word
// that starts with 'n' but is not null fails here (s.err is set), so the
// caller's next read returns false at once.
func (s *scanner) isNull() bool {
	return s.peek() == 'n' && s.literal("null")
}

// unescape decodes the escapes of a validated string body.
func unescape(body []byte) []byte {
	q := make([]byte, 0, len(body)+2)
	q = append(q, '"')
	q = append(q, body...)
	q = append(q, '"')
	var out string
	if err := json.Unmarshal(q, &out); err != nil {
		return body
	}
	return []byte(out)
}

// position turns a byte offset into a 1-based line and column (in
// characters), computed only when an error is reported.
func position(data []byte, off int) (line, col int) {
	if off > len(data) {
		off = len(data)
	}
	line = 1 + bytes.Count(data[:off], []byte{'\n'})
	lineStart := bytes.LastIndexByte(data[:off], '\n') + 1
	col = 1 + utf8.RuneCount(data[lineStart:off])
	return line, col
}
