package catalog

import (
	_ "embed"
	"fmt"
	"sync"
)

//go:generate go run ./gen -in ../../../shared/pricing -out catalog.data

// embeddedData is the catalog generated from shared/pricing by gen/.
//
//go:embed catalog.data
var embeddedData []byte

var (
	embeddedOnce sync.Once
	embedded     *Catalog
)

// Embedded returns the catalog compiled into the binary, loaded once. Only
// the header is decoded here; each (service, region) section is inflated on
// its first lookup, so the first call costs well under a millisecond.
func Embedded() *Catalog {
	embeddedOnce.Do(func() {
		c, err := parseEmbedded(embeddedData)
		if err != nil {
			// catalog.data is a build artifact checked by the package tests, so
			// this is a broken build, not bad user input.
			panic(fmt.Sprintf("catalog: the embedded catalog.data is corrupt: %v (run go generate ./internal/catalog)", err))
		}
		embedded = c
	})
	return embedded
}
