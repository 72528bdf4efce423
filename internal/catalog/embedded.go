package catalog

import "sync"

var (
	embeddedOnce sync.Once
	embedded     *Catalog
)

// Embedded returns the catalog compiled into the binary, loaded once.
// TODO(catalog): load the generated, go:embed-ed file.
func Embedded() *Catalog {
	embeddedOnce.Do(func() { embedded = New() })
	return embedded
}
