package provider

import "github.com/hashicorp/terraform-plugin-framework/datasource/schema"

// computedNumber and computedString build the read-only result attributes
// that make up most of the data sources' schemas: one description each.
func computedNumber(desc string) schema.NumberAttribute {
	return schema.NumberAttribute{MarkdownDescription: desc, Computed: true}
}

func computedString(desc string) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
}

// computedList is a read-only list of objects, e.g. one per resource.
func computedList(desc string, attrs map[string]schema.Attribute) schema.ListNestedAttribute {
	return schema.ListNestedAttribute{
		MarkdownDescription: desc,
		Computed:            true,
		NestedObject:        schema.NestedAttributeObject{Attributes: attrs},
	}
}
