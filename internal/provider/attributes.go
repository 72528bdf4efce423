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
