package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tfcost/tfcost/internal/catalog/importer"
	"github.com/tfcost/tfcost/internal/failure"
)

// catalogImportArgs are the parsed arguments of `tfcost catalog import`.
type catalogImportArgs struct {
	Inputs      []string
	Out         string
	Regions     []string
	Strict      bool
	SkipBadRows bool
}

func newCatalogImportCommand(g *globalOptions) *cobra.Command {
	var a catalogImportArgs
	c := &cobra.Command{
		Use:   "import --out FILE PRICE-LIST-FILE...",
		Short: "Build a catalog file from AWS Price List bulk files (offer index, region_index.json, offer files in JSON or CSV)",
		Long: "import reads AWS Price List bulk files from local disk and writes a catalog file for\n" +
			"`tfcost --catalog FILE` and the provider's catalog_file. An offer index or region index is\n" +
			"followed to the offer files it lists, looked up below the index's directory and its parents\n" +
			"(a mirror of https://pricing.us-east-1.amazonaws.com/offers/...). Offer files are streamed, so\n" +
			"memory grows with the prices kept, not with the file size. Prices that two SKUs give\n" +
			"differently are left out with a warning (--strict: an error).",
		Example: "  tfcost catalog import --out prices.catalog offers/v1.0/aws/index.json --regions us-east-1,eu-west-1\n" +
			"  tfcost catalog import --out ec2-use2.catalog us-east-2/index.json\n" +
			"  tfcost --catalog prices.catalog breakdown plan.json",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return &failure.Error{Kind: failure.Usage, Msg: cmd.CommandPath() + " needs at least one price-list file",
					Hint: "Usage: " + cmd.UseLine()}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			a.Inputs = args
			return runCatalogImport(g, cmd, a)
		},
	}
	c.Flags().StringVar(&a.Out, "out", "", "catalog `FILE` to write (required)")
	c.Flags().StringSliceVar(&a.Regions, "regions", nil, "import only these `REGIONS` (comma-separated region codes)")
	c.Flags().BoolVar(&a.Strict, "strict", false, "fail when two SKUs give one catalog key different prices")
	c.Flags().BoolVar(&a.SkipBadRows, "skip-bad-rows", false, "skip malformed CSV rows with a warning instead of failing")
	return c
}

func runCatalogImport(g *globalOptions, cmd *cobra.Command, a catalogImportArgs) error {
	if a.Out == "" {
		return failure.Usagef("catalog import needs --out FILE, the catalog file to write")
	}
	cat, st, err := importer.Import(cmd.Context(), a.Inputs, importer.Options{Regions: a.Regions, Strict: a.Strict, SkipBadRows: a.SkipBadRows})
	for _, w := range st.Warnings {
		fmt.Fprintf(g.io.Err, "warning: %s\n", w) //nolint:errcheck // diagnostics on stderr: nowhere to report a failure
	}
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := cat.Write(&buf); err != nil {
		return err
	}
	// Write beside the target and rename, so a failed import never leaves a
	// half-written catalog where a good one was.
	tmp, err := os.CreateTemp(filepath.Dir(a.Out), ".tfcost-catalog-*")
	if err == nil {
		_, err = tmp.Write(buf.Bytes())
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(tmp.Name(), a.Out)
		}
		if err != nil {
			os.Remove(tmp.Name()) //nolint:errcheck // best-effort cleanup; the write error below is what is reported
		}
	}
	if err != nil {
		return &failure.Error{Kind: failure.Internal, File: a.Out, Msg: fmt.Sprintf("cannot write the catalog file: %v", err), Err: err}
	}
	services := cat.Services()
	_, err = fmt.Fprintf(g.io.Out, "Imported %d prices (%s) from %d offer file(s) into %s\n"+
		"Read %d products, kept %d; %d price dimensions in another currency skipped; %d ambiguous keys left out\n"+
		"Catalog date %s. Use it with: tfcost --catalog %s breakdown plan.json\n",
		st.Prices, strings.Join(services, ", "), st.Files, a.Out,
		st.Products, st.Matched, st.SkippedCurrency, st.Ambiguous,
		orDash(cat.Date()), a.Out)
	if err != nil {
		return failure.Internalf("cannot write the import summary: %v", err)
	}
	return nil
}
