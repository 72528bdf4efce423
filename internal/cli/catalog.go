package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tfcost/tfcost/internal/catalog"
	"github.com/tfcost/tfcost/internal/failure"
)

// catalogInfoArgs are the parsed arguments of `tfcost catalog info`.
type catalogInfoArgs struct {
	Format string
	// Items lists one service's items with the regions that price them.
	Items string
	// Region (the global --region) shows, per service, whether that region
	// is priced exactly, approximately (fallback) or not at all.
	Region string
}

func newCatalogCommand(g *globalOptions) *cobra.Command {
	c := &cobra.Command{
		Use:   "catalog",
		Short: "Inspect the price catalog",
		Args:  noArgs("a subcommand (info or import)"),
		RunE:  func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	var a catalogInfoArgs
	info := &cobra.Command{
		Use:   "info",
		Short: "Print the catalog's sources, dates and coverage (services × regions)",
		Example: "  tfcost catalog info\n" +
			"  tfcost catalog info --region eu-west-3\n" +
			"  tfcost catalog info --items nat_gateway",
		Args: noArgs("no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if a.Format != "table" && a.Format != "json" {
				return failure.Usagef("unknown --format %q; expected table or json", a.Format)
			}
			a.Region = g.region
			cat, err := g.catalog()
			if err != nil {
				return err
			}
			return runCatalogInfo(g.io.Out, cat, a)
		},
	}
	info.Flags().StringVar(&a.Format, "format", "table", "output `FORMAT`: table or json")
	info.Flags().StringVar(&a.Items, "items", "", "list the items of `SERVICE` with the regions that price each")
	c.AddCommand(info)
	c.AddCommand(newCatalogImportCommand(g))
	return c
}

// regionStatus says how a region is priced for a service.
func regionStatus(s catalog.ServiceInfo, region string) string {
	switch {
	case slices.Contains(s.Regions, region):
		return "exact"
	case s.FallsBack && catalog.RegionalOnly(s.Service):
		return "instances unpriced; unit prices ~ " + s.Fallback + " figure"
	case s.FallsBack:
		return "approximate (" + s.Fallback + " figure)"
	default:
		return "unpriced"
	}
}

func runCatalogInfo(w io.Writer, cat *catalog.Catalog, a catalogInfoArgs) error {
	in := cat.Info()
	if a.Items != "" {
		if !slices.ContainsFunc(in.Services, func(s catalog.ServiceInfo) bool { return s.Service == a.Items }) {
			names := make([]string, len(in.Services))
			for i, s := range in.Services {
				names[i] = s.Service
			}
			return failure.Usagef("the catalog has no service %q; services: %s", a.Items, strings.Join(names, ", "))
		}
		return catalogItems(w, cat.Items(a.Items), a)
	}
	if a.Format == "json" {
		type svc struct {
			Service      string   `json:"service"`
			Regions      []string `json:"regions"`
			FallsBack    bool     `json:"fallsBack"`
			Fallback     string   `json:"fallbackRegion,omitempty"`
			Rule         string   `json:"rule"`
			RegionStatus string   `json:"regionStatus,omitempty"`
		}
		type src struct{ ID, What, Where, AsOf string }
		out := struct {
			Date           string `json:"catalogDate"`
			FallbackRegion string `json:"fallbackRegion"`
			Region         string `json:"region,omitempty"`
			Sources        []src  `json:"sources"`
			Services       []svc  `json:"services"`
		}{Date: in.Date, FallbackRegion: in.FallbackRegion, Region: a.Region, Sources: []src{}, Services: []svc{}}
		for _, s := range in.Sources {
			out.Sources = append(out.Sources, src(s))
		}
		for _, s := range in.Services {
			v := svc{Service: s.Service, Regions: s.Regions, FallsBack: s.FallsBack, Fallback: s.Fallback, Rule: s.Rule}
			if a.Region != "" {
				v.RegionStatus = regionStatus(s, a.Region)
			}
			out.Services = append(out.Services, v)
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}

	var b strings.Builder
	fmt.Fprintf(&b, "Catalog date: %s (newest as-of date of the figures)\n", orDash(in.Date))
	fmt.Fprintf(&b, "Fallback: where a region has no figure, unit prices use the %s figure (else the %s one), marked\n", in.FallbackRegion, catalog.SecondaryFallbackRegion)
	b.WriteString("          approximate (--strict-prices leaves them unpriced); instance prices (ec2, rds, elasticache,\n")
	b.WriteString("          opensearch) never fall back.\n")
	b.WriteString("\nCoverage (regions with exact figures, per service; items can differ: --items SERVICE)\n\n")
	rows := [][]string{{"Service", "Regions", "Elsewhere"}}
	if a.Region != "" {
		rows[0] = append(rows[0], a.Region)
	}
	for _, s := range in.Services {
		else_ := "unpriced"
		switch {
		case s.FallsBack && catalog.RegionalOnly(s.Service):
			else_ = "instances unpriced; unit prices ~ " + s.Fallback + " figure"
		case s.FallsBack:
			else_ = "~ " + s.Fallback + " figure"
		}
		r := []string{s.Service, fmt.Sprint(len(s.Regions)), else_}
		if a.Region != "" {
			r = append(r, regionStatus(s, a.Region))
		}
		rows = append(rows, r)
	}
	writeColumns(&b, rows, map[int]bool{1: true})
	if a.Region == "" {
		b.WriteString("\nExact regions per service\n")
		for _, s := range in.Services {
			b.WriteString("\n " + s.Service + "\n")
			b.WriteString(wrap(strings.Join(s.Regions, ", "), 96, "   "))
		}
	}
	b.WriteString("\nSources\n")
	for _, s := range in.Sources {
		fmt.Fprintf(&b, "\n %s  %s\n", s.ID, s.What)
		b.WriteString(wrap("where: "+s.Where, 96, "   "))
		b.WriteString(wrap("as of: "+s.AsOf, 96, "   "))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func catalogItems(w io.Writer, items []catalog.ItemInfo, a catalogInfoArgs) error {
	if a.Format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(items)
	}
	rows := [][]string{{"Item", "Unit", "Regions"}}
	for _, it := range items {
		regions := strings.Join(it.Regions, ", ")
		if len(it.Regions) > 6 {
			regions = fmt.Sprintf("%d regions (%s, …)", len(it.Regions), strings.Join(it.Regions[:3], ", "))
		}
		rows = append(rows, []string{it.Item, it.Unit, regions})
	}
	var b strings.Builder
	writeColumns(&b, rows, nil)
	_, err := io.WriteString(w, b.String())
	return err
}

// writeColumns writes rows as aligned columns; right lists right-aligned ones.
func writeColumns(b *strings.Builder, rows [][]string, right map[int]bool) {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], len([]rune(c)))
		}
	}
	for _, r := range rows {
		var line strings.Builder
		line.WriteString(" ")
		for i, c := range r {
			if i > 0 {
				line.WriteString("  ")
			}
			gap := strings.Repeat(" ", widths[i]-len([]rune(c)))
			if right[i] {
				line.WriteString(gap + c)
			} else {
				line.WriteString(c + gap)
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
}

// wrap breaks text into lines of at most width runes after indent.
func wrap(text string, width int, indent string) string {
	var b strings.Builder
	line := indent
	for _, word := range strings.Fields(text) {
		if len([]rune(line))+len([]rune(word))+1 > width && strings.TrimSpace(line) != "" {
			b.WriteString(strings.TrimRight(line, " ") + "\n")
			line = indent
		}
		line += word + " "
	}
	if strings.TrimSpace(line) != "" {
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	return b.String()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
