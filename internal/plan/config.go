package plan

import (
	"encoding/json"
	"fmt"
	"strings"
)

// configuration is what tfcost keeps from the plan's "configuration":
// provider regions, each resource's provider key and references, and the
// module calls' arguments (to resolve a provider region set from a
// variable).
type configuration struct {
	providers map[string]*providerConfig // provider_config key → config
	resources map[string]*configResource // config address (module path without keys + type.name)
	modules   map[string]*configModule   // config module path ("" = root)
}

type providerConfig struct {
	moduleAddress string
	region        expression
	hasRegion     bool
}

// expression is a configuration expression: a constant or references.
type expression struct {
	constant   json.RawMessage
	references []string
}

type configResource struct {
	providerKey string
	// refs are the raw references per top-level attribute ("aws_x.y.arn",
	// "module.td.arn", "var.subnets"), resolved per module instance.
	refs map[string][]string
}

type configModule struct {
	parent   string
	calls    map[string]expression      // module call arguments by variable name
	defaults map[string]json.RawMessage // variable defaults declared in the module
	outputs  map[string][]string        // output name → references of its expression
}

func (p *parser) configuration() bool {
	s := &p.s
	return s.object("the configuration object", func(key []byte) bool {
		switch string(key) {
		case "provider_config":
			if s.isNull() {
				return true
			}
			return s.object("an object of provider configurations", func(k []byte) bool {
				return p.providerConfig(string(k))
			})
		case "root_module":
			if s.isNull() {
				return true
			}
			return p.module("")
		}
		_, ok := s.skipValue()
		return ok
	})
}

func (p *parser) providerConfig(key string) bool {
	s := &p.s
	pc := &providerConfig{}
	ok := s.object("a provider configuration object", func(k []byte) bool {
		switch string(k) {
		case "module_address":
			v, ok := s.strOrNull("a string module_address")
			pc.moduleAddress = v
			return ok
		case "expressions":
			if s.isNull() {
				return true
			}
			return s.object("an object of provider expressions", func(attr []byte) bool {
				if string(attr) != "region" {
					_, ok := s.skipValue()
					return ok
				}
				pc.hasRegion = true
				return p.expression(&pc.region)
			})
		}
		_, ok := s.skipValue()
		return ok
	})
	p.cfg.providers[key] = pc
	return ok
}

// expression reads {"constant_value": …} / {"references": […]}; any other
// shape is skipped (and yields an empty expression).
func (p *parser) expression(e *expression) bool {
	s := &p.s
	if s.peek() != '{' {
		_, ok := s.skipValue()
		return ok
	}
	return s.object("", func(k []byte) bool {
		switch string(k) {
		case "constant_value":
			v, ok := s.skipValue()
			e.constant = v
			return ok
		case "references":
			return p.stringList(&e.references)
		}
		_, ok := s.skipValue()
		return ok
	})
}

// stringList appends the strings of an array (other elements are skipped).
func (p *parser) stringList(out *[]string) bool {
	s := &p.s
	if s.peek() != '[' {
		_, ok := s.skipValue()
		return ok
	}
	return s.array("", func() bool {
		if s.peek() == '"' {
			v, ok := s.str("")
			*out = append(*out, v)
			return ok
		}
		_, ok := s.skipValue()
		return ok
	})
}

func (p *parser) configModule(path string) *configModule {
	m := p.cfg.modules[path]
	if m == nil {
		m = &configModule{calls: map[string]expression{}, defaults: map[string]json.RawMessage{}, outputs: map[string][]string{}}
		p.cfg.modules[path] = m
	}
	return m
}

// module reads a configuration module (root_module or a module call's
// "module") at the given config path.
func (p *parser) module(path string) bool {
	s := &p.s
	m := p.configModule(path)
	return s.object("a configuration module object", func(key []byte) bool {
		switch string(key) {
		case "resources":
			if s.isNull() {
				return true
			}
			return s.array("an array of configuration resources", func() bool { return p.configResource(path) })
		case "module_calls":
			if s.isNull() {
				return true
			}
			return s.object("an object of module calls", func(name []byte) bool {
				return p.moduleCall(path, joinAddr(path, "module."+string(name)))
			})
		case "outputs":
			if s.isNull() {
				return true
			}
			return s.object("an object of outputs", func(name []byte) bool {
				var refs []string
				ok := p.collectRefs(&refs)
				if len(refs) > 0 {
					m.outputs[string(name)] = refs
				}
				return ok
			})
		case "variables":
			if s.isNull() {
				return true
			}
			return s.object("an object of variable declarations", func(name []byte) bool {
				n := string(name)
				if s.peek() != '{' {
					_, ok := s.skipValue()
					return ok
				}
				return s.object("", func(k []byte) bool {
					v, ok := s.skipValue()
					if ok && string(k) == "default" {
						m.defaults[n] = v
					}
					return ok
				})
			})
		}
		_, ok := s.skipValue()
		return ok
	})
}

func (p *parser) moduleCall(parent, path string) bool {
	s := &p.s
	m := p.configModule(path)
	m.parent = parent
	return s.object("a module call object", func(key []byte) bool {
		switch string(key) {
		case "expressions":
			if s.isNull() {
				return true
			}
			return s.object("an object of module arguments", func(name []byte) bool {
				var e expression
				ok := p.expression(&e)
				m.calls[string(name)] = e
				return ok
			})
		case "module":
			if s.isNull() {
				return true
			}
			return p.module(path)
		}
		_, ok := s.skipValue()
		return ok
	})
}

func (p *parser) configResource(path string) bool {
	s := &p.s
	var mode, typ, name, key string
	var refs map[string][]string
	ok := s.object("a configuration resource object", func(k []byte) bool {
		var ok bool
		switch string(k) {
		case "mode":
			mode, ok = s.strOrNull(`"managed" or "data"`)
		case "type":
			var b []byte
			b, ok = p.strBytes("a string resource type")
			typ = p.intern(b)
		case "name":
			name, ok = s.strOrNull("a string resource name")
		case "provider_config_key":
			var b []byte
			b, ok = p.strBytes("a string provider_config_key")
			key = p.intern(b)
		case "expressions":
			if s.isNull() {
				return true
			}
			ok = s.object("an object of resource expressions", func(attr []byte) bool {
				var list []string
				ok := p.collectRefs(&list)
				if ok && len(list) > 0 {
					if refs == nil {
						refs = map[string][]string{}
					}
					refs[string(attr)] = list
				}
				return ok
			})
		default:
			_, ok = s.skipValue()
		}
		return ok
	})
	if ok && mode != "data" && typ != "" && name != "" {
		p.cfg.resources[joinAddr(path, typ+"."+name)] = &configResource{providerKey: key, refs: refs}
	}
	return ok
}

// collectRefs gathers every "references" list inside an expression value,
// including nested blocks (launch_template[0].id) and dynamic blocks, but
// not inside constant values (whose keys are user data).
func (p *parser) collectRefs(out *[]string) bool {
	s := &p.s
	switch s.peek() {
	case '{':
		return s.object("", func(k []byte) bool {
			switch string(k) {
			case "references":
				return p.stringList(out)
			case "constant_value":
				_, ok := s.skipValue()
				return ok
			}
			return p.collectRefs(out)
		})
	case '[':
		return s.array("", func() bool { return p.collectRefs(out) })
	}
	_, ok := s.skipValue()
	return ok
}

// notResources are the first segments of references that are not resources.
var notResources = map[string]bool{
	"var": true, "local": true, "data": true, "module": true, "count": true, "each": true,
	"path": true, "terraform": true, "self": true, "ephemeral": true,
}

// maxRefDepth bounds how many module outputs and variables a reference is
// followed through.
const maxRefDepth = 16

// absRefs turns references made in module instance inst (config path
// cfgMod) into absolute resource base addresses. A resource reference
// stays in the same module instance ("aws_x.y.arn" → "<inst>.aws_x.y");
// "module.m.out" follows output "out" of that module call into it, and
// "var.v" follows the module call's argument back to the parent module, so
// that an ECS service finds a task definition made in another module.
func (p *parser) absRefs(raws []string, inst, cfgMod string, depth int, out []string) []string {
	if depth > maxRefDepth {
		return out
	}
	for _, ref := range raws {
		first, rest, ok := strings.Cut(ref, ".")
		if !ok || first == "" {
			continue
		}
		switch first {
		case "module":
			call, key, output := splitModuleRef(rest)
			if call == "" || output == "" {
				continue
			}
			childCfg := joinAddr(cfgMod, "module."+call)
			m := p.cfg.modules[childCfg]
			if m == nil {
				continue
			}
			out = p.absRefs(m.outputs[output], joinAddr(inst, "module."+call+key), childCfg, depth+1, out)
		case "var":
			if cfgMod == "" {
				continue
			}
			name := refName(rest)
			m := p.cfg.modules[cfgMod]
			if m == nil {
				continue
			}
			if e, ok := m.calls[name]; ok {
				out = p.absRefs(e.references, parentModule(inst), m.parent, depth+1, out)
			}
		default:
			if notResources[first] {
				continue
			}
			name := refName(rest)
			if name == "" {
				continue
			}
			out = appendNew(out, joinAddr(inst, first+"."+name))
		}
	}
	return out
}

// splitModuleRef splits `m[0].out.x` (after "module.") into the call name,
// its instance key as written ("[0]" or "") and the output name.
func splitModuleRef(rest string) (call, key, output string) {
	i := strings.IndexAny(rest, ".[")
	if i < 0 {
		return rest, "", ""
	}
	call, rest = rest[:i], rest[i:]
	if rest[0] == '[' {
		end := closingBracket(rest)
		if end < 0 {
			return "", "", ""
		}
		key, rest = rest[:end+1], rest[end+1:]
	}
	rest, ok := strings.CutPrefix(rest, ".")
	if !ok {
		return call, key, ""
	}
	return call, key, refName(rest)
}

// refName is the name a reference starts with, before any attribute or
// index: "td.arn" → "td", "subnets[0]" → "subnets".
func refName(ref string) string {
	if i := strings.IndexAny(ref, ".["); i >= 0 {
		return ref[:i]
	}
	return ref
}

// closingBracket finds the ']' closing s[0] == '[', skipping quoted keys.
func closingBracket(s string) int {
	inStr := false
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case inStr && c == '\\':
			i++
		case c == '"':
			inStr = !inStr
		case !inStr && c == ']':
			return i
		}
	}
	return -1
}

func appendNew(list []string, s string) []string {
	for _, o := range list {
		if o == s {
			return list
		}
	}
	return append(list, s)
}

func joinAddr(prefix, rest string) string {
	if prefix == "" {
		return rest
	}
	return prefix + "." + rest
}

// resolve fills in what needs the whole plan: provider keys, references,
// regions and tags.
func (p *parser) resolve() {
	refCache := map[[2]string]map[string][]string{}
	regionCache := map[[2]string][2]string{}
	defaulted := 0
	for i, r := range p.plan.Resources {
		info := p.infos[i]
		cfgMod := configPath(r.ModuleAddress)
		cfgAddr := joinAddr(cfgMod, r.Type+"."+r.Name)
		if cr := p.cfg.resources[cfgAddr]; cr != nil {
			r.ProviderConfigKey = cr.providerKey
			if len(cr.refs) > 0 {
				// Every instance of a resource in one module instance
				// shares the resolved map (read-only).
				k := [2]string{r.ModuleAddress, cfgAddr}
				m, ok := refCache[k]
				if !ok {
					m = make(map[string][]string, len(cr.refs))
					for attr, raws := range cr.refs {
						if abs := p.absRefs(raws, r.ModuleAddress, cfgMod, 0, nil); len(abs) > 0 {
							m[attr] = abs
						}
					}
					refCache[k] = m
				}
				if len(m) > 0 {
					r.References = m
				}
			}
		}

		switch {
		case p.opts.Region != "":
			r.Region, r.RegionSource = p.opts.Region, RegionFromOverride
			continue
		case isRegion(info.region):
			r.Region, r.RegionSource = info.region, RegionFromAttribute
			continue
		}
		k := [2]string{r.ProviderConfigKey, cfgMod}
		reg, ok := regionCache[k]
		if !ok {
			reg[0], reg[1] = p.providerRegion(r.ProviderConfigKey, cfgMod, r.Type)
			regionCache[k] = reg
		}
		if reg[0] != "" {
			r.Region, r.RegionSource = reg[0], reg[1]
			continue
		}
		if az := regionPattern.FindString(info.az); az != "" {
			r.Region, r.RegionSource = az, RegionFromAttribute
			continue
		}
		r.Region, r.RegionSource = p.defaultRegion(), RegionFromDefault
		if strings.HasPrefix(r.Type, "aws_") {
			defaulted++
		}
	}
	if defaulted > 0 {
		defaulted -= p.inferRegions()
	}
	if defaulted > 0 {
		p.plan.Warnings = append(p.plan.Warnings, fmt.Sprintf(
			"the region of %d AWS resource(s) could not be determined from the plan; using %s (set --region, or a region in the provider block)",
			defaulted, p.defaultRegion()))
	}
}

// inferRegions gives resources left on the default region the region of
// their provider configuration when other resources of that configuration
// reveal it (AWS provider ≥ 6 writes `region` on every regional resource; an
// availability zone lies in the provider's region) and they all agree. It
// returns how many AWS resources it placed.
func (p *parser) inferRegions() int {
	seen := map[string]string{} // provider key → region ("" after a conflict)
	for _, r := range p.plan.Resources {
		if r.RegionSource != RegionFromAttribute {
			continue
		}
		if old, ok := seen[r.ProviderConfigKey]; ok && old != r.Region {
			seen[r.ProviderConfigKey] = ""
			continue
		}
		seen[r.ProviderConfigKey] = r.Region
	}
	placed := 0
	for _, r := range p.plan.Resources {
		if r.RegionSource != RegionFromDefault {
			continue
		}
		if reg := seen[r.ProviderConfigKey]; reg != "" {
			r.Region, r.RegionSource = reg, RegionFromAttribute
			if strings.HasPrefix(r.Type, "aws_") {
				placed++
			}
		}
	}
	if placed > 0 {
		p.plan.Warnings = append(p.plan.Warnings, fmt.Sprintf(
			"the region of %d AWS resource(s) was taken from other resources of the same provider configuration (their region or availability zone attributes)",
			placed))
	}
	return placed
}

func (p *parser) defaultRegion() string {
	if p.opts.DefaultRegion != "" {
		return p.opts.DefaultRegion
	}
	return DefaultRegion
}

func isRegion(s string) bool {
	return s != "" && len(regionPattern.FindString(s)) == len(s)
}

// providerRegion finds the region of the provider configuration a resource
// uses. Terraform ≥ 1.0 writes the resolved key (a module resource using
// the root provider has key "aws"); 0.12–0.14 write "<module call>:aws" and
// may list module entries without a region, which inherit from their parent,
// so the search walks up the module path to the root configuration.
func (p *parser) providerRegion(key, cfgMod, typ string) (region, source string) {
	local := key
	if i := strings.LastIndexByte(key, ':'); i >= 0 {
		local = key[i+1:]
	}
	if local == "" {
		// No configuration: the provider's local name is the type prefix.
		local, _, _ = strings.Cut(typ, "_")
	}
	var candidates []string
	if key != "" {
		candidates = append(candidates, key)
	}
	for mod := cfgMod; mod != ""; mod = parentModule(mod) {
		candidates = append(candidates, mod+":"+local)
		if i := strings.LastIndex(mod, "module."); i >= 0 {
			candidates = append(candidates, mod[i+len("module."):]+":"+local)
		}
	}
	candidates = append(candidates, local)
	for _, c := range candidates {
		pc := p.cfg.providers[c]
		if pc == nil || !pc.hasRegion {
			continue
		}
		mod := pc.moduleAddress
		if mod != "" && !strings.HasPrefix(mod, "module.") {
			mod = "module." + mod // 0.12 writes the call name only
		}
		return p.evalRegion(pc.region, mod)
	}
	return "", ""
}

func parentModule(mod string) string {
	parts := splitTopDots(mod)
	if len(parts) <= 2 {
		return ""
	}
	return strings.Join(parts[:len(parts)-2], ".")
}

// evalRegion evaluates a provider's region expression in a module.
func (p *parser) evalRegion(e expression, mod string) (string, string) {
	if v := jsonString(e.constant); v != "" {
		return v, RegionFromProvider
	}
	for _, ref := range e.references {
		name, ok := strings.CutPrefix(ref, "var.")
		if !ok {
			continue
		}
		if v := p.resolveVar(mod, refName(name), 0); v != "" {
			return v, RegionFromVariable
		}
	}
	return "", ""
}

// resolveVar follows a variable through module calls up to the root
// variables of the plan.
func (p *parser) resolveVar(mod, name string, depth int) string {
	if depth > maxRefDepth {
		return ""
	}
	if mod == "" {
		return jsonString(p.plan.Variables[name])
	}
	m := p.cfg.modules[mod]
	if m == nil {
		return ""
	}
	if e, ok := m.calls[name]; ok {
		if v := jsonString(e.constant); v != "" {
			return v
		}
		for _, ref := range e.references {
			if n, ok := strings.CutPrefix(ref, "var."); ok {
				if v := p.resolveVar(m.parent, refName(n), depth+1); v != "" {
					return v
				}
			}
		}
		return ""
	}
	return jsonString(m.defaults[name])
}
