// Package plan reads `terraform show -json` output into the resources tfcost
// prices. It is the first step of the flow:
// plan → resources → cost components → prices → estimate → policy verdict → report.
package plan

import (
	"encoding/json"
	"strings"
	"sync"
)

// Action is what Terraform will do to a resource.
type Action string

// Actions as tfcost reports them ("replace" covers both create-before-destroy
// and delete-before-create).
const (
	ActionCreate  Action = "create"
	ActionUpdate  Action = "update"
	ActionReplace Action = "replace"
	ActionDelete  Action = "delete"
	ActionNoOp    Action = "no-op"
	ActionRead    Action = "read"
	// ActionForget is Terraform ≥ 1.7's `removed` block: the object leaves
	// the state but keeps running (and costing) outside Terraform.
	ActionForget Action = "forget"
)

// Region sources, in the order they are tried.
const (
	RegionFromOverride  = "override"  // --region / provider configuration
	RegionFromAttribute = "attribute" // the resource's own `region` (AWS provider ≥ 6) or availability zone
	RegionFromProvider  = "provider"  // provider block constant
	RegionFromVariable  = "variable"  // provider block referencing a root variable
	RegionFromDefault   = "default"   // nothing found: the default region (us-east-1)
)

// Resource is one managed resource instance from the plan.
type Resource struct {
	Address       string // full address, e.g. module.app.aws_instance.web[0]
	ModuleAddress string // e.g. module.app ("" for the root module)
	Type          string
	Name          string
	Index         string // rendered index key: `0`, `"a"`, or ""
	ProviderName  string // e.g. registry.terraform.io/hashicorp/aws
	// ProviderConfigKey is the configuration key of the provider, e.g. "aws",
	// "aws.west" or "module.app:aws"; empty when the plan has no configuration.
	ProviderConfigKey string
	Region            string
	RegionSource      string
	Action            Action

	// Before and After are the raw JSON attribute objects (nil when absent,
	// e.g. Before on create, After on delete). AfterUnknown mirrors After with
	// `true` where a value is only known after apply.
	Before       json.RawMessage
	After        json.RawMessage
	AfterUnknown json.RawMessage

	// Tags are the resource's tags_all (or tags) from the planned values
	// (prior values for a delete), for policy scopes and reports.
	Tags map[string]string

	// References maps a top-level attribute name to the addresses of the
	// resources its configuration expression refers to (absolute addresses
	// without index, e.g. "module.app.aws_ecs_task_definition.api"),
	// including references in nested blocks (launch_template[0].id counts
	// for "launch_template") and references made through module outputs
	// (module.td.arn) and module variables (var.task_definition_arn).
	// Resources of one module instance share the map: do not modify it.
	References map[string][]string
}

// Plan is a decoded plan: the managed resources and what is needed to price them.
type Plan struct {
	File             string
	FormatVersion    string
	TerraformVersion string
	Resources        []*Resource
	// Variables are the root module's variable values as raw JSON.
	Variables map[string]json.RawMessage
	// Skipped lists what was read but not turned into resources, each with
	// why: data sources, deposed objects, modes other than managed. Resources
	// of other providers are not skipped: they stay in Resources.
	Skipped []string
	// Warnings are non-fatal findings (e.g. region could not be resolved).
	Warnings []string

	indexOnce sync.Once
	byAddress map[string][]*Resource // address without index → instances
}

// Options controls reading.
type Options struct {
	// Region overrides every resource's region when set.
	Region string
	// DefaultRegion is used when a resource's region cannot be found; "" means us-east-1.
	DefaultRegion string
}

// DefaultRegion is used when no region can be resolved.
const DefaultRegion = "us-east-1"

// Lookup returns the instances of the resource with the given address
// (without index, e.g. "aws_ecs_task_definition.api"). A full address with an
// index returns that one instance.
func (p *Plan) Lookup(address string) []*Resource {
	// Rules look resources up from several goroutines at once.
	p.indexOnce.Do(p.index)
	if rs, ok := p.byAddress[address]; ok {
		return rs
	}
	// A full address is its base address plus an index, and an index key may
	// itself hold '[' (["a[b"]): try each '[' as the start of the index. The
	// index keeps a miss (a reference to a resource with count = 0) from
	// scanning every resource, which Referenced would do once per resource.
	for i := strings.IndexByte(address, '['); i > 0; {
		for _, r := range p.byAddress[address[:i]] {
			if r.Address == address {
				return []*Resource{r}
			}
		}
		j := strings.IndexByte(address[i+1:], '[')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return nil
}

// Referenced returns the resources of type typ that attribute attr of r
// refers to in configuration (e.g. an ECS service's task_definition).
func (p *Plan) Referenced(r *Resource, attr, typ string) []*Resource {
	var out []*Resource
	for _, addr := range r.References[attr] {
		for _, c := range p.Lookup(addr) {
			if typ == "" || c.Type == typ {
				out = append(out, c)
			}
		}
	}
	return out
}

func (p *Plan) index() {
	p.byAddress = make(map[string][]*Resource, len(p.Resources))
	for _, r := range p.Resources {
		base := r.BaseAddress()
		p.byAddress[base] = append(p.byAddress[base], r)
	}
}

// BaseAddress is the address without the instance index.
func (r *Resource) BaseAddress() string {
	if r.ModuleAddress == "" {
		return r.Type + "." + r.Name
	}
	return r.ModuleAddress + "." + r.Type + "." + r.Name
}
