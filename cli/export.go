package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

// exportCmd is "voicemap export": its flags and their values.
type exportCmd struct {
	fs                       *flag.FlagSet
	common                   *cliFlags
	place, asOf, format, out string
}

// exportFormats maps the -format values of export to the service's formats.
var exportFormats = map[string]service.ExportFormat{
	"graphml": service.ExportGraphML,
	"gexf":    service.ExportGEXF,
	"csv":     service.ExportCSV,
}

func newExportCmd(getenv func(string) string, w io.Writer) *exportCmd {
	c := &exportCmd{fs: flag.NewFlagSet("voicemap export", flag.ContinueOnError)}
	c.fs.SetOutput(w)
	c.fs.Usage = commandUsage(c.fs, "voicemap export -format graphml|gexf|csv [-place ID] [-as-of YYYY-MM-DD] [-out FILE]",
		`Export the network (a place with the places within it, or everything) with
its computed measures (centralities, community, unheard voices) as typed node
attributes: graphml for NetworkX read_graphml, igraph and Gephi; gexf for
Gephi; csv as a nodes table and an edges table. Without -out the file goes to
stdout (csv: the nodes table, an empty line, then the edges table). With
-out, csv writes PREFIX_nodes.csv and PREFIX_edges.csv for -out PREFIX.
Files are written atomically (nothing is left behind on failure), with mode
0600: the export names people.
`)
	c.common = newCLIFlags(c.fs, getenv)
	c.fs.StringVar(&c.format, "format", "", "graphml, gexf or csv (required)")
	c.fs.StringVar(&c.place, "place", "", "export this place with the places within it (default: everything)")
	c.fs.StringVar(&c.asOf, "as-of", "", "export the network as of this date, YYYY-MM-DD (default: every record regardless of dates)")
	c.fs.StringVar(&c.out, "out", "", "write to this file (csv: to PREFIX_nodes.csv and PREFIX_edges.csv) instead of stdout")
	return c
}

// exportFlags returns the flags of export, for help.
func exportFlags(getenv func(string) string, w io.Writer) *flag.FlagSet {
	return newExportCmd(getenv, w).fs
}

// runExport runs "voicemap export".
func runExport(ctx context.Context, args []string, getenv func(string) string, _ io.Reader, stdout, stderr io.Writer) error {
	c := newExportCmd(getenv, stderr)
	if err := parseFlags(c.fs, args); err != nil {
		return ignoreHelp(err)
	}
	if c.fs.NArg() > 0 {
		return usageErrorf("export: unexpected argument %q (see voicemap help export)", c.fs.Arg(0))
	}
	format, ok := exportFormats[strings.ToLower(c.format)]
	if !ok {
		return usageErrorf("export: -format %q: want graphml, gexf or csv", c.format)
	}
	asOf, err := parseDate("as-of", c.asOf)
	if err != nil {
		return err
	}
	if err := c.common.finish(); err != nil {
		return err
	}
	scope := store.Scope{PlaceID: strings.TrimSpace(c.place), AsOf: asOf}
	return c.common.withService(ctx, stderr, func(svc *service.Service) error {
		ctx, publish := auditRecorder(ctx, c.common.cfg, c.common.st, "export "+strings.ToLower(c.format), scope)
		var err error
		if format == service.ExportCSV && c.out != "" && c.out != "-" {
			paths := []string{c.out + "_nodes.csv", c.out + "_edges.csv"}
			err = writeFilesAtomic(paths, func(ws []io.Writer) error {
				return svc.ExportCSV(ctx, scope, ws[0], ws[1])
			}, publish)
		} else {
			err = writeOutput(c.out, stdout, func(w io.Writer) error {
				return svc.ExportNetwork(ctx, scope, format, w)
			}, publish)
		}
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		return nil
	})
}
