package cli

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/voicemap/voicemap/service"
)

// places imports a place-data CSV, streamed.
func (imp importer) places(ctx context.Context, svc *service.Service, r io.Reader) error {
	cr := &countingReader{r: r}
	n, err := svc.ImportPlaces(ctx, cr)
	fmt.Fprintf(imp.stderr, "read %d bytes\n", cr.n)
	if err != nil {
		return err
	}
	imp.summary(n)
	return nil
}

// kumu imports a Kumu elements CSV from r with, when connections is not
// empty, the connections CSV at that path ("-" for stdin).
func (imp importer) kumu(ctx context.Context, svc *service.Service, r io.Reader, connections string, stdin io.Reader) error {
	elements := &countingReader{r: r}
	var conns *countingReader
	if connections != "" {
		var cr io.Reader = stdin
		if connections != "-" {
			f, err := os.Open(connections)
			if err != nil {
				return err
			}
			defer f.Close()
			cr = f
		}
		conns = &countingReader{r: cr}
	}
	var cr io.Reader
	if conns != nil {
		cr = conns
	}
	n, err := svc.ImportKumu(ctx, elements, cr, imp.place)
	fmt.Fprintf(imp.stderr, "read %d bytes of elements\n", elements.n)
	if conns != nil {
		fmt.Fprintf(imp.stderr, "read %d bytes of connections\n", conns.n)
	}
	if err != nil {
		return err
	}
	imp.summary(n)
	return nil
}
