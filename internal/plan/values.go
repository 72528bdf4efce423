package plan

import (
	"bytes"
	"encoding/json"
	"strings"
)

// valuesResource is one resource of planned_values or prior_state.
type valuesResource struct {
	address, moduleAddress, mode, typ, name, providerName string
	index                                                 json.RawMessage
	values                                                json.RawMessage
	info                                                  attrInfo
}

// fromValues builds the resources from planned_values when the plan has no
// resource_changes (hand-made or very old plans): a resource absent from
// prior_state is a create, one whose values are unchanged a no-op, any
// other an update, and a prior resource absent from planned_values a delete.
func (p *parser) fromValues() bool {
	prior := map[string]*valuesResource{}
	var order []*valuesResource
	s := &p.s
	if p.priorState.end > p.priorState.start && s.data[p.priorState.start] == '{' {
		ok := p.within(p.priorState, func() bool {
			return s.object("the prior_state object", func(k []byte) bool {
				if string(k) != "values" || s.isNull() {
					_, ok := s.skipValue()
					return ok
				}
				return p.valuesRoot(func(vr *valuesResource) {
					if vr.mode != "data" {
						prior[vr.address] = vr
						order = append(order, vr)
					}
				})
			})
		})
		if !ok {
			return false
		}
	}
	if p.plannedValues.end > p.plannedValues.start && s.data[p.plannedValues.start] == '{' {
		if !p.within(p.plannedValues, func() bool { return p.valuesRoot(p.addValuesResource(prior)) }) {
			return false
		}
	}
	for _, vr := range order {
		if prior[vr.address] == nil {
			continue // still planned
		}
		r := &Resource{Address: vr.address, ModuleAddress: vr.moduleAddress, Type: vr.typ, Name: vr.name,
			ProviderName: vr.providerName, Before: p.keep(vr.values), Action: ActionDelete, Index: indexOf(vr)}
		p.plan.Resources = append(p.plan.Resources, r)
		p.infos = append(p.infos, facts(r, vr.info))
	}
	return true
}

func indexOf(vr *valuesResource) string {
	if len(vr.index) > 0 && string(vr.index) != "null" {
		return string(vr.index)
	}
	return ""
}

// addValuesResource returns the callback that turns a planned_values
// resource into a Resource; it removes the resource from prior.
func (p *parser) addValuesResource(prior map[string]*valuesResource) func(*valuesResource) {
	return func(vr *valuesResource) {
		if vr.mode == "data" {
			p.plan.Skipped = append(p.plan.Skipped, vr.address+": data source (not priced)")
			return
		}
		r := &Resource{Address: vr.address, ModuleAddress: vr.moduleAddress, Type: vr.typ, Name: vr.name,
			ProviderName: vr.providerName, Action: ActionCreate, Index: indexOf(vr)}
		if old := prior[vr.address]; old != nil {
			delete(prior, vr.address)
			r.Before = p.keep(old.values)
			r.Action = ActionUpdate
			if bytes.Equal(old.values, vr.values) {
				r.Action = ActionNoOp
			}
		}
		if r.Action == ActionNoOp {
			r.After = r.Before
		} else {
			r.After = p.keep(vr.values)
		}
		p.plan.Resources = append(p.plan.Resources, r)
		p.infos = append(p.infos, facts(r, vr.info))
	}
}

// span is a value's byte range in the input.
type span struct{ start, end int }

// skipSpan skips a value and returns its range.
func (p *parser) skipSpan() (span, bool) {
	p.s.ws()
	start := p.s.pos
	_, ok := p.s.skipValue()
	return span{start, p.s.pos}, ok
}

// within scans a range of the input that was skipped earlier; offsets stay
// absolute so that errors point into the original file.
func (p *parser) within(sp span, fn func() bool) bool {
	saved := p.s
	p.s = scanner{data: saved.data[:sp.end], pos: sp.start, hold: saved.hold}
	ok := fn()
	err := p.s.err
	p.s = saved
	if !ok {
		p.s.err = err
	}
	return ok
}

// valuesRoot reads {"root_module": {...}} (planned_values, prior_state.values).
func (p *parser) valuesRoot(fn func(*valuesResource)) bool {
	s := &p.s
	return s.object("an object with root_module", func(k []byte) bool {
		if string(k) != "root_module" || s.isNull() {
			_, ok := s.skipValue()
			return ok
		}
		return p.valuesModule(fn)
	})
}

func (p *parser) valuesModule(fn func(*valuesResource)) bool {
	s := &p.s
	var children, resources []span
	mod := ""
	ok := s.object("a module object", func(k []byte) bool {
		switch string(k) {
		case "address":
			v, ok := s.strOrNull("a string module address")
			mod = v
			return ok
		case "resources", "child_modules":
			if s.isNull() {
				return true
			}
			list := &resources
			if string(k) == "child_modules" {
				list = &children
			}
			return s.array("an array", func() bool {
				sp, ok := p.skipSpan()
				*list = append(*list, sp)
				return ok
			})
		}
		_, ok := s.skipValue()
		return ok
	})
	// Resources are read once the module's address is known: it may come
	// after them, and Terraform 0.12 wrote prior_state resource addresses
	// relative to their module and without the instance key.
	for _, r := range resources {
		if !ok {
			break
		}
		ok = p.within(r, func() bool { return p.valuesResource(mod, fn) })
	}
	for _, c := range children {
		if !ok {
			break
		}
		ok = p.within(c, func() bool { return p.valuesModule(fn) })
	}
	return ok
}

func (p *parser) valuesResource(mod string, fn func(*valuesResource)) bool {
	s := &p.s
	vr := &valuesResource{}
	start := s.pos
	ok := s.object("a resource object", func(k []byte) bool {
		var ok bool
		switch string(k) {
		case "address":
			vr.address, ok = s.str("a string address")
		case "mode":
			vr.mode, ok = s.strOrNull(`"managed" or "data"`)
		case "type":
			vr.typ, ok = s.str("a string resource type")
		case "name":
			vr.name, ok = s.str("a string resource name")
		case "provider_name":
			var b []byte
			b, ok = p.strBytes("a string provider_name")
			vr.providerName = p.intern(b)
		case "index":
			vr.index, ok = s.skipValue()
		case "values":
			ok = p.attrs(&vr.values, &vr.info)
		default:
			_, ok = s.skipValue()
		}
		return ok
	})
	if ok && vr.address == "" {
		// As in resource_changes (addChange): dropping it would leave a
		// resource out of the estimate without a word.
		return s.fail(start, "resource without an address", `an "address" string in every resource of planned_values and prior_state`)
	}
	if ok {
		if mod != "" && !strings.HasPrefix(vr.address, mod+".") {
			vr.address = mod + "." + vr.address
		}
		if idx := indexOf(vr); idx != "" && !strings.HasSuffix(vr.address, "]") {
			vr.address += "[" + idx + "]"
		}
		mod, typ, name := splitAddress(vr.address)
		vr.moduleAddress = p.intern([]byte(mod))
		if vr.typ == "" || vr.name == "" {
			vr.typ, vr.name = typ, name
		}
		fn(vr)
	}
	return ok
}
