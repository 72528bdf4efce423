package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

func newVersionCommand(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the tfcost version and the date of its price catalog",
		Args:  noArgs("no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			cat, err := g.catalog()
			if err != nil {
				return err
			}
			date := cat.Date()
			if date == "" {
				date = "unknown"
			}
			_, err = fmt.Fprintf(g.io.Out, "tfcost %s (catalog %s)\n", version(g.version), date)
			return err
		},
	}
}
