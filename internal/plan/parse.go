package plan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/tfcost/tfcost/internal/failure"
)

// Supported plan format versions: Terraform 0.12 wrote 0.1, 1.0–1.1 wrote
// 0.2 and 1.0, 1.2 wrote 1.1, 1.3+ writes 1.2. Terraform promises that a
// minor version only adds fields, so any 0.x or 1.x is read.
const supportedFormats = "plan format_version 0.1 to 1.2 (Terraform 0.12 to 1.15)"

// parser holds the state of one Parse call.
type parser struct {
	s    scanner
	name string
	opts Options
	plan *Plan

	formatVersion    string
	formatVersionOff int
	objectStart      int
	sawChanges       bool // resource_changes key present
	plannedValues    span
	priorState       span
	sawStateValues   bool // "values" at top level (terraform show -json of a state)
	sawRawState      bool // "lineage"/"serial" (a terraform.tfstate file)

	infos []attrFacts // per resource, parallel to plan.Resources
	cfg   configuration

	strs map[string]string // interned repeated strings (types, modules, providers)

	// arena, when set, receives copies of the spans resources keep, because
	// the input is a memory mapping released behind the scan.
	arena *arena
}

// arena hands out copies of spans from shared 1 MiB blocks, so that a
// hundred thousand small attribute objects cost a few hundred allocations.
type arena struct{ block []byte }

const arenaBlock = 1 << 20

func (a *arena) copy(v []byte) []byte {
	if len(v) > arenaBlock/8 {
		return append([]byte(nil), v...)
	}
	if cap(a.block)-len(a.block) < len(v) {
		a.block = make([]byte, 0, arenaBlock)
	}
	start := len(a.block)
	a.block = append(a.block, v...)
	return a.block[start:len(a.block):len(a.block)]
}

// keep returns a span that stays valid after Parse returns.
func (p *parser) keep(v json.RawMessage) json.RawMessage {
	if v == nil || p.arena == nil {
		return v
	}
	return p.arena.copy(v)
}

// attrInfo keeps the spans of the few top-level attributes read outside
// the pricing rules, while the input is being scanned.
type attrInfo struct {
	region, az, tags, tagsAll json.RawMessage
}

// attrFacts is what is kept of attrInfo once a resource is added: decoded
// copies, so that nothing points into the input afterwards.
type attrFacts struct {
	region, az string
}

// facts decodes a resource's tags and region attributes.
func facts(r *Resource, info attrInfo) attrFacts {
	if r.Tags = stringMap(info.tagsAll); r.Tags == nil {
		r.Tags = stringMap(info.tags)
	}
	return attrFacts{region: jsonString(info.region), az: jsonString(info.az)}
}

// rawChange is one resource_changes entry before it becomes a Resource.
type rawChange struct {
	address, moduleAddress, mode, typ, name, providerName []byte
	index                                                 json.RawMessage
	deposed                                               bool
	actions                                               [3]string
	nActions                                              int
	before, after, afterUnknown                           json.RawMessage
	beforeInfo, afterInfo                                 attrInfo
}

func newParser(name string, data []byte, opts Options) *parser {
	return &parser{
		s:    scanner{data: data, hold: math.MaxInt},
		name: name,
		opts: opts,
		plan: &Plan{File: name},
		strs: map[string]string{},
		cfg: configuration{
			providers: map[string]*providerConfig{},
			resources: map[string]*configResource{},
			modules:   map[string]*configModule{},
		},
	}
}

func (p *parser) intern(b []byte) string {
	if v, ok := p.strs[string(b)]; ok {
		return v
	}
	v := string(b)
	p.strs[v] = v
	return v
}

// errorAt turns a syntax error into the user-facing failure.
func (p *parser) errorAt(e *syntaxError) *failure.Error {
	line, col := position(p.s.data, e.off)
	return failure.At(p.name, line, col, e.msg, e.expected)
}

// run parses the plan object that starts at pos.
func (p *parser) run(start int, wrapped bool) (*Plan, error) {
	s := &p.s
	s.pos = start
	p.objectStart = start
	ok := s.object("a JSON object (the output of terraform show -json)", p.topLevel)
	if ok {
		s.ws()
		if s.pos < len(s.data) && !wrapperTail(s.data[s.pos:], wrapped) {
			s.failHere("the end of the file after the plan object")
		}
	}
	if s.err != nil {
		return nil, p.errorAt(s.err)
	}
	if err := p.check(); err != nil {
		return nil, err
	}
	if !p.sawChanges {
		if !p.fromValues() {
			return nil, p.errorAt(s.err)
		}
	}
	p.resolve()
	// Built here, while one goroutine owns the plan, rather than by the
	// first of the estimator's workers to call Lookup.
	p.plan.indexOnce.Do(p.plan.index)
	return p.plan, nil
}

// topLevel handles one member of the plan object.
func (p *parser) topLevel(key []byte) bool {
	s := &p.s
	switch string(key) {
	case "format_version":
		p.formatVersionOff = s.pos
		v, ok := s.str(`a string format_version such as "1.2"`)
		p.formatVersion = v
		return ok
	case "terraform_version":
		v, ok := s.strOrNull(`a string terraform_version such as "1.9.8"`)
		p.plan.TerraformVersion = v
		return ok
	case "variables":
		return p.variables()
	case "planned_values":
		v, ok := p.skipSpan()
		p.plannedValues = v
		return ok
	case "prior_state":
		v, ok := p.skipSpan()
		p.priorState = v
		return ok
	case "resource_changes":
		p.sawChanges = true
		if s.isNull() {
			return true
		}
		return s.array("an array of resource changes", p.resourceChange)
	case "configuration":
		if s.isNull() {
			return true
		}
		return p.configuration()
	case "values":
		p.sawStateValues = true
	case "lineage", "serial":
		p.sawRawState = true
	}
	_, ok := s.skipValue()
	return ok
}

// variables reads the root module's variable values: {"name": {"value": …}}.
func (p *parser) variables() bool {
	s := &p.s
	if s.isNull() {
		return true
	}
	p.plan.Variables = map[string]json.RawMessage{}
	return s.object("an object of variables", func(name []byte) bool {
		n := string(name)
		return s.object(`an object with a "value" for variable `+strconv.Quote(n), func(k []byte) bool {
			v, ok := s.skipValue()
			if ok && string(k) == "value" {
				p.plan.Variables[n] = p.keep(v)
			}
			return ok
		})
	})
}

// check rejects what is not a plan, and plan formats we do not know.
func (p *parser) check() error {
	hasPlan := p.sawChanges || p.plannedValues.end > p.plannedValues.start
	if !hasPlan {
		line, col := position(p.s.data, p.objectStart)
		if p.sawStateValues || p.sawRawState {
			e := failure.At(p.name, line, col, "this looks like a Terraform state file, not a plan",
				`a plan with "resource_changes" or "planned_values"`)
			e.Hint = "Run terraform show -json on a plan file (terraform plan -out tfplan && terraform show -json tfplan)"
			return e
		}
		e := failure.At(p.name, line, col, "this JSON is not a Terraform plan",
			`an object with "format_version" and "resource_changes" or "planned_values" (the output of terraform show -json PLANFILE)`)
		return e
	}
	if p.formatVersion == "" {
		p.plan.Warnings = append(p.plan.Warnings, "the plan has no format_version; read as format 0.1")
		p.plan.FormatVersion = "0.1"
		return nil
	}
	p.plan.FormatVersion = p.formatVersion
	major, minor, ok := splitVersion(p.formatVersion)
	if !ok || major > 1 {
		line, col := position(p.s.data, p.formatVersionOff)
		msg := fmt.Sprintf("unsupported format_version %q", p.formatVersion)
		if !ok {
			msg = fmt.Sprintf("malformed format_version %q", p.formatVersion)
		}
		e := failure.At(p.name, line, col, msg, supportedFormats)
		if ok {
			e.Hint = "This plan was written by a newer Terraform than tfcost knows; upgrade tfcost"
		}
		return e
	}
	if major == 1 && minor > 2 {
		p.plan.Warnings = append(p.plan.Warnings, fmt.Sprintf(
			"plan format_version %s is newer than the formats tfcost was tested with (up to 1.2); reading it as 1.2", p.formatVersion))
	}
	return nil
}

func splitVersion(v string) (major, minor int, ok bool) {
	a, b, found := strings.Cut(v, ".")
	if !found {
		return 0, 0, false
	}
	if i := strings.IndexByte(b, '.'); i >= 0 {
		b = b[:i]
	}
	ma, err1 := strconv.Atoi(a)
	mi, err2 := strconv.Atoi(b)
	if err1 != nil || err2 != nil || ma < 0 || mi < 0 {
		return 0, 0, false
	}
	return ma, mi, true
}

// strBytes reads a string and returns its (unescaped) bytes without
// converting it, so that callers can intern or compare first.
func (p *parser) strBytes(what string) ([]byte, bool) {
	s := &p.s
	s.ws()
	if s.pos >= len(s.data) || s.data[s.pos] != '"' {
		if s.pos < len(s.data) && s.data[s.pos] == 'n' {
			return nil, s.literal("null")
		}
		return nil, s.failHere(what)
	}
	b, esc, ok := s.stringSpan()
	if esc {
		b = unescape(b)
	}
	return b, ok
}

// resourceChange reads one element of resource_changes.
func (p *parser) resourceChange() bool {
	s := &p.s
	start := s.pos
	s.hold = start // the spans of this change are copied at its end
	defer func() { s.hold = math.MaxInt }()
	var rc rawChange
	ok := s.object("a resource change object", func(key []byte) bool {
		var ok bool
		switch string(key) {
		case "address":
			rc.address, ok = p.strBytes("a string address")
		case "module_address":
			rc.moduleAddress, ok = p.strBytes("a string module_address")
		case "mode":
			rc.mode, ok = p.strBytes(`"managed" or "data"`)
		case "type":
			rc.typ, ok = p.strBytes("a string resource type")
		case "name":
			rc.name, ok = p.strBytes("a string resource name")
		case "provider_name":
			rc.providerName, ok = p.strBytes("a string provider_name")
		case "index":
			rc.index, ok = s.skipValue()
		case "deposed":
			var d []byte
			d, ok = p.strBytes("a string deposed key")
			rc.deposed = len(d) > 0
		case "change":
			ok = p.change(&rc)
		default:
			_, ok = s.skipValue()
		}
		return ok
	})
	if !ok {
		return false
	}
	return p.addChange(&rc, start)
}

// change reads a resource change's "change" object.
func (p *parser) change(rc *rawChange) bool {
	s := &p.s
	return s.object(`a "change" object with actions, before and after`, func(key []byte) bool {
		switch string(key) {
		case "actions":
			return s.array("an array of actions", func() bool {
				a, ok := p.strBytes(`an action string such as "create"`)
				if ok && rc.nActions < len(rc.actions) {
					rc.actions[rc.nActions] = p.intern(a)
				}
				rc.nActions++
				return ok
			})
		case "before":
			return p.attrs(&rc.before, &rc.beforeInfo)
		case "after":
			return p.attrs(&rc.after, &rc.afterInfo)
		case "after_unknown":
			v, ok := s.skipValue()
			if ok && string(v) != "null" {
				rc.afterUnknown = v
			}
			return ok
		}
		_, ok := s.skipValue()
		return ok
	})
}

// attrs reads an attribute object (or null), keeping its span and the
// spans of the attributes tfcost itself needs. Looking at the top-level
// keys costs nothing extra: the object has to be scanned to be validated.
func (p *parser) attrs(span *json.RawMessage, info *attrInfo) bool {
	s := &p.s
	if s.isNull() {
		*span = nil
		return true
	}
	if s.err != nil {
		return false
	}
	start := s.pos
	ok := s.object("an object of attribute values or null", func(key []byte) bool {
		v, ok := s.skipValue()
		switch string(key) {
		case "region":
			info.region = v
		case "availability_zone":
			info.az = v
		case "tags":
			info.tags = v
		case "tags_all":
			info.tagsAll = v
		}
		return ok
	})
	if ok {
		*span = s.data[start:s.pos:s.pos]
	}
	return ok
}

// addChange turns a resource change into a Resource (managed resources) or
// a Skipped entry.
func (p *parser) addChange(rc *rawChange, start int) bool {
	if len(rc.address) == 0 {
		return p.s.fail(start, "resource change without an address", `an "address" string in every resource_changes entry`)
	}
	address := string(rc.address)
	mode := string(rc.mode)
	if mode == "data" || (mode == "" && strings.HasPrefix(address, "data.")) || strings.Contains(address, ".data.") && mode == "" {
		p.plan.Skipped = append(p.plan.Skipped, address+": data source (not priced)")
		return true
	}
	if mode != "managed" && mode != "" {
		p.plan.Skipped = append(p.plan.Skipped, address+": mode "+strconv.Quote(mode)+" is not a managed resource")
		return true
	}
	if rc.deposed {
		p.plan.Skipped = append(p.plan.Skipped, address+": deposed object (left over from a create-before-destroy replacement)")
		return true
	}
	r := &Resource{
		Address:       address,
		ModuleAddress: p.intern(rc.moduleAddress),
		Type:          p.intern(rc.typ),
		Name:          string(rc.name),
		ProviderName:  p.intern(rc.providerName),
		Before:        p.keep(rc.before),
		AfterUnknown:  p.keep(rc.afterUnknown),
	}
	if rc.after != nil && bytes.Equal(rc.before, rc.after) {
		// No-op changes repeat the object: keep it once.
		r.After = r.Before
	} else {
		r.After = p.keep(rc.after)
	}
	if len(rc.index) > 0 && string(rc.index) != "null" {
		r.Index = string(rc.index)
	} else if strings.HasSuffix(address, "]") {
		// Some plans leave out "index": take it from the address.
		if i := strings.LastIndexByte(address[:len(address)-1], '['); i >= 0 && !strings.Contains(address[i:], ".") {
			r.Index = address[i+1 : len(address)-1]
		}
	}
	if r.Type == "" || r.Name == "" {
		mod, typ, name := splitAddress(address)
		if r.Type == "" {
			r.Type = typ
		}
		if r.Name == "" {
			r.Name = name
		}
		if r.ModuleAddress == "" {
			r.ModuleAddress = mod
		}
	}
	r.Action = p.action(rc, address)
	info := rc.afterInfo
	if r.Action == ActionDelete || r.After == nil {
		info = rc.beforeInfo
	}
	p.plan.Resources = append(p.plan.Resources, r)
	p.infos = append(p.infos, facts(r, info))
	return true
}

// action maps Terraform's action list to one Action.
func (p *parser) action(rc *rawChange, address string) Action {
	a := rc.actions
	switch rc.nActions {
	case 1:
		switch a[0] {
		case "create":
			return ActionCreate
		case "update":
			return ActionUpdate
		case "delete":
			return ActionDelete
		case "no-op":
			return ActionNoOp
		case "read":
			return ActionRead
		case "forget":
			return ActionForget
		}
	case 2:
		if (a[0] == "delete" && a[1] == "create") || (a[0] == "create" && a[1] == "delete") {
			return ActionReplace
		}
		if a[0] == "create" && a[1] == "forget" {
			// The new object replaces one that Terraform stops managing
			// but does not destroy: for cost it is a create.
			return ActionCreate
		}
	case 0:
		p.plan.Warnings = append(p.plan.Warnings, address+": no actions in the plan; treated as no-op")
		return ActionNoOp
	}
	n := min(rc.nActions, len(a))
	act := Action(strings.Join(a[:n], "+"))
	p.plan.Warnings = append(p.plan.Warnings, fmt.Sprintf("%s: unknown action %q", address, string(act)))
	return act
}

// splitAddress splits a resource address into module address, type and
// name (without the instance index).
func splitAddress(address string) (mod, typ, name string) {
	parts := splitTopDots(address)
	// Strip a trailing index from the last part.
	if n := len(parts); n > 0 {
		if i := strings.IndexByte(parts[n-1], '['); i >= 0 {
			parts[n-1] = parts[n-1][:i]
		}
	}
	if len(parts) < 2 {
		return "", address, ""
	}
	typ, name = parts[len(parts)-2], parts[len(parts)-1]
	if len(parts) > 2 {
		mod = strings.Join(parts[:len(parts)-2], ".")
	}
	return mod, typ, name
}

// splitTopDots splits at dots outside [...] (index keys may hold dots).
func splitTopDots(a string) []string {
	var out []string
	depth, inStr, last := 0, false, 0
	for i := 0; i < len(a); i++ {
		c := a[i]
		switch {
		case inStr:
			switch c {
			case '\\':
				i++
			case '"':
				inStr = false
			}
		case c == '"':
			inStr = true
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '.' && depth == 0:
			out = append(out, a[last:i])
			last = i + 1
		}
	}
	return append(out, a[last:])
}

// configPath strips instance keys from a module address:
// module.app[0].module.db["x"] → module.app.module.db.
func configPath(moduleAddress string) string {
	if strings.IndexByte(moduleAddress, '[') < 0 {
		return moduleAddress
	}
	parts := splitTopDots(moduleAddress)
	for i, part := range parts {
		// A module call name holds no '[': the first one opens the key.
		if j := strings.IndexByte(part, '['); j >= 0 {
			parts[i] = part[:j]
		}
	}
	return strings.Join(parts, ".")
}

// wrapperTail reports whether trailing bytes after the plan object are the
// noise the hashicorp/setup-terraform wrapper prints (an encoded newline and
// ::set-output lines), which is ignored.
func wrapperTail(rest []byte, wrapped bool) bool {
	if wrapped {
		return true
	}
	rest = bytes.TrimLeft(rest, " \t\r\n")
	return bytes.HasPrefix(rest, []byte("%0A")) || bytes.HasPrefix(rest, []byte("::"))
}

// regionPattern matches AWS region names (us-east-1, us-gov-west-1,
// ap-southeast-4, eu-central-2); as a prefix it also finds the region of an
// availability zone (us-east-1a) or local zone (us-west-2-lax-1a).
var regionPattern = regexp.MustCompile(`^[a-z]{2}(?:-[a-z]+)+-[0-9]+`)

// jsonString decodes a span that should hold a string ("" otherwise).
func jsonString(v json.RawMessage) string {
	if len(v) < 2 || v[0] != '"' {
		return ""
	}
	body := v[1 : len(v)-1]
	if bytes.IndexByte(body, '\\') >= 0 {
		return string(unescape(body))
	}
	return string(body)
}

// stringMap decodes an object span into its string-valued members.
func stringMap(v json.RawMessage) map[string]string {
	if len(v) < 2 || v[0] != '{' {
		return nil
	}
	sc := scanner{data: v}
	out := map[string]string{}
	sc.object("", func(k []byte) bool {
		val, ok := sc.skipValue()
		if ok && len(val) > 0 && val[0] == '"' {
			out[string(k)] = jsonString(val)
		}
		return ok
	})
	if len(out) == 0 {
		return nil
	}
	return out
}
