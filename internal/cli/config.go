package cli

import (
	"fmt"
	"slices"

	"github.com/spf13/cobra"

	"github.com/tfcost/tfcost/internal/config"
)

func newConfigCommand(g *globalOptions) *cobra.Command {
	c := &cobra.Command{
		Use:   "config",
		Short: "Check a tfcost.yml config file",
		Args:  noArgs("a subcommand (validate)"),
		RunE:  func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	c.AddCommand(&cobra.Command{
		Use:   "validate [FILE]",
		Short: "Validate a config file (default: --config, else tfcost.yml) and summarise it",
		Args:  maxArgs(1, "at most one config file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := g.configFile
			if len(args) == 1 {
				path = args[0]
			}
			if path == "" {
				path = "tfcost.yml"
			}
			return runConfigValidate(g, path)
		},
	})
	return c
}

func runConfigValidate(g *globalOptions, path string) error {
	cfg, err := config.Load(path)
	if err != nil {
		return err
	}
	cat, err := g.catalog()
	if err != nil {
		return err
	}
	services := cat.Services()
	for _, p := range cfg.Pricing.Prices {
		if !slices.Contains(services, p.Service) {
			g.warn([]string{fmt.Sprintf("%s:%d:%d: service %q is not in the catalog, so no rule looks this price up (tfcost catalog info lists the services)",
				path, p.Line, p.Column, p.Service)})
		}
	}
	_, err = fmt.Fprintf(g.io.Out, "%s: valid (version %s; discount %s%%; %d custom prices; %d projects)\n",
		path, cfg.Version, cfg.Pricing.DiscountPercent, len(cfg.Pricing.Prices), len(cfg.Projects))
	return err
}
