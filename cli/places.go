package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

// placesLoadCmd is "voicemap places load-uk": its flags and their values.
type placesLoadCmd struct {
	fs         *flag.FlagSet
	common     *cliFlags
	areas      placesFlag
	boundaries bool
}

func newPlacesLoadCmd(getenv func(string) string, w io.Writer) *placesLoadCmd {
	c := &placesLoadCmd{fs: flag.NewFlagSet("voicemap places load-uk", flag.ContinueOnError)}
	c.fs.SetOutput(w)
	c.fs.Usage = commandUsage(c.fs, "voicemap places load-uk -area CODE|NAME [-area ...] [-boundaries=false]",
		`Load part of the built-in UK reference geography as ordinary places: each
-area (a GSS code, or a name or alias naming one area: E12000007, London,
"Greater London", Wales) with its ancestors up to the United Kingdom and
everything within it (counties and districts). Each place gets its name,
code, parent, mid-2019 population and, for a district, its need index on
its nation's scale (IMD 2019, WIMD 2019, SIMD 2020, NIMDM 2017; see package
ukgeo), and its boundary unless -boundaries=false. A stored place with the
same code is updated and keeps its id; other areas get their code as id.
-area K02000001 loads the whole UK (396 places). Sources and licences:
ukgeo/data/README.md.
`)
	c.common = newCLIFlags(c.fs, getenv)
	c.fs.Var(&c.areas, "area", "a GSS code or name of the area to load, with its ancestors and sub-areas; repeat for several")
	c.fs.BoolVar(&c.boundaries, "boundaries", true, "give each place its built-in boundary (Place.geometry)")
	return c
}

// placesFlags returns the flags of places load-uk, for help.
func placesFlags(getenv func(string) string, w io.Writer) *flag.FlagSet {
	return newPlacesLoadCmd(getenv, w).fs
}

// runPlaces runs "voicemap places load-uk".
func runPlaces(ctx context.Context, args []string, getenv func(string) string, _ io.Reader, stdout, stderr io.Writer) error {
	// The subcommand may follow the store's flags (places -data F load-uk).
	sub := slices.Index(args, "load-uk")
	if sub < 0 {
		return usageErrorf("places: want the subcommand load-uk (voicemap places load-uk -area CODE)")
	}
	c := newPlacesLoadCmd(getenv, stderr)
	if err := parseFlags(c.fs, append(slices.Clone(args[:sub]), args[sub+1:]...)); err != nil {
		return ignoreHelp(err)
	}
	if c.fs.NArg() > 0 {
		return usageErrorf("places load-uk: unexpected argument %q (name areas with -area)", c.fs.Arg(0))
	}
	if len(c.areas) == 0 {
		return usageErrorf("places load-uk: name at least one -area (for example -area E12000007, or -area K02000001 for the whole UK)")
	}
	if err := c.common.finish(); err != nil {
		return err
	}
	ctx = store.WithProgress(ctx, newProgressLines(stderr).steps)
	return c.common.withService(ctx, stderr, func(svc *service.Service) error {
		n, err := svc.LoadUK(ctx, service.UKLoad{Areas: c.areas, Boundaries: c.boundaries})
		if err != nil {
			return fmt.Errorf("places load-uk %s: %w", strings.Join(c.areas, ", "), err)
		}
		fmt.Fprintf(stdout, "loaded places: %d\n", n.Places)
		return nil
	})
}
