package cli

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/voicemap/voicemap/interchange"
	"github.com/voicemap/voicemap/interchange/giving"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

// importProgressEvery is how many grants an import reads between two
// progress lines.
const importProgressEvery = 10_000

// importCmd is "voicemap import": its flags and their values.
type importCmd struct {
	fs                        *flag.FlagSet
	common                    *cliFlags
	format, place, connection string
	codeProperty              string
	dateOrder, problems       string
	skipInvalid               bool
}

func newImportCmd(getenv func(string) string, w io.Writer) *importCmd {
	c := &importCmd{fs: flag.NewFlagSet("voicemap import", flag.ContinueOnError)}
	c.fs.SetOutput(w)
	c.fs.Usage = commandUsage(c.fs, "voicemap import [-format F] [-place ID] [-connections FILE] FILE",
		fmt.Sprintf(`Import FILE (- for stdin) into the store, whole or not at all: a refused
file writes nothing, and every problem found is listed with its row and field.

formats (-format; detected when omitted, see below):
  graphml          GraphML (NetworkX write_graphml, igraph, Gephi, yEd)
  json             the voicemap JSON document
  360giving-json   a 360Giving JSON package {"grants": [...]}
  360giving-csv    a 360Giving flat CSV (spreadsheet template column titles)
  360giving-xlsx   a 360Giving spreadsheet saved as .xlsx (its first sheet
                   laid out as the flat CSV)
  places-csv       place data: code, name, parent code, population, need index
  kumu             a Kumu elements CSV (Label, Type, ...); -connections names
                   its connections CSV (From, To, Type, ...)
  geojson          place boundaries: a GeoJSON FeatureCollection whose
                   features carry a stored place's code (-code-property
                   names the property; detected when omitted)

GeoJSON documents are read whole and may be at most %d MiB
(interchange.MaxDocumentSize); the other formats are read as a stream, with
no limit on the file's size (an import's memory grows with the number of
elements written, not the size of the file). Whatever its size, a file is
written whole or not at all (a large one into a copy of the store file that
replaces the original once complete). -place locates the actors, forums and organisations the file
leaves without a place.

Without -format: .graphml and .xml files are GraphML (.gexf is refused:
GEXF is an export format only), .geojson files GeoJSON; otherwise a JSON
object with a top-level "grants" key is 360Giving JSON, one with
"features" GeoJSON, any other JSON object voicemap JSON, XML is
GraphML, and a CSV whose header has "Amount Awarded" is 360Giving CSV, one
with "code" and "name" columns places CSV, one with "Label" Kumu.

A summary (counts per kind) goes to stdout, progress to stderr: for GraphML
and JSON, the share done of each phase (parse, check, write, commit).
`, interchange.MaxDocumentSize>>20))
	c.common = newCLIFlags(c.fs, getenv)
	c.fs.StringVar(&c.format, "format", "", "graphml, json, 360giving-json, 360giving-csv, places-csv, kumu or geojson (default: detected)")
	c.fs.StringVar(&c.place, "place", "", "place id of the actors, forums and new organisations the file leaves without a place")
	c.fs.StringVar(&c.connection, "connections", "", "kumu: the connections CSV (From, To, Type, ...)")
	c.fs.StringVar(&c.dateOrder, "date-order", "", "360Giving: the file's award dates are day first (dmy: 26/03/2001) or month first (mdy); default ISO 8601 only")
	c.fs.BoolVar(&c.skipInvalid, "skip-invalid", false, "360Giving: import the valid grants and write the invalid ones' problems to -problems instead of refusing the file")
	c.fs.StringVar(&c.problems, "problems", "", "360Giving with -skip-invalid: the CSV problems report to write (line, field, value, reason); default FILE.problems.csv")
	c.fs.StringVar(&c.codeProperty, "code-property", "", "geojson: the feature property holding the place code (default: \"code\", else an ONS column such as LAD23CD)")
	return c
}

// importFlags returns the flags of import, for help.
func importFlags(getenv func(string) string, w io.Writer) *flag.FlagSet {
	return newImportCmd(getenv, w).fs
}

// importFormats are the -format values import accepts.
var importFormats = []string{formatGraphML, formatJSON, formatGivingJSON, formatGivingCSV, formatGivingXLSX, formatPlacesCSV, formatKumu, formatBoundaries}

// runImport runs "voicemap import".
func runImport(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	c := newImportCmd(getenv, stderr)
	if err := parseFlags(c.fs, args); err != nil {
		return ignoreHelp(err)
	}
	switch c.fs.NArg() {
	case 0:
		return usageErrorf("import: name the file to import, or - for stdin (see voicemap help import)")
	case 1:
	default:
		return usageErrorf("import: unexpected argument %q: import reads one file (see voicemap help import)", c.fs.Arg(1))
	}
	format := strings.ToLower(c.format)
	if format != "" && !slices.Contains(importFormats, format) {
		return usageErrorf("import: -format %q: want %s", c.format, strings.Join(importFormats, ", "))
	}
	if c.connection != "" && format != "" && format != formatKumu {
		return usageErrorf("import: -connections is for -format kumu only")
	}
	path := c.fs.Arg(0)
	if path == "-" && c.connection == "-" {
		return usageErrorf("import: FILE and -connections cannot both be stdin (-)")
	}
	if err := c.common.finish(); err != nil {
		return err
	}

	in, size, closeIn, err := openInput(path, stdin)
	if err != nil {
		return err
	}
	defer closeIn()
	counted := &countingReader{r: in}
	br := bufio.NewReaderSize(counted, detectPeekBytes)
	if format == "" {
		if format, err = detectFormat(path, br); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "%s: importing as %s\n", path, format)
		if c.connection != "" && format != formatKumu {
			return usageErrorf("import: -connections is for kumu files, and %s looks like %s (give -format to say otherwise)", path, format)
		}
	}
	order, err := giving.ParseDateOrder(c.dateOrder)
	if err != nil {
		return usageErrorf("import: -date-order: %v", err)
	}
	problems := c.problems
	if problems == "" {
		problems = "problems.csv"
		if path != "-" {
			problems = path + ".problems.csv"
		}
	}
	imp := importer{stderr: stderr, stdout: stdout, place: strings.TrimSpace(c.place), dateOrder: order, skipInvalid: c.skipInvalid, problems: problems,
		read: counted, size: size, progress: newProgressLines(stderr)}
	ctx = store.WithProgress(ctx, imp.progress.steps)
	return c.common.withService(ctx, stderr, func(svc *service.Service) error {
		var err error
		switch format {
		case formatGraphML:
			err = imp.document(ctx, svc, interchange.GraphML, br)
		case formatJSON:
			err = imp.document(ctx, svc, interchange.JSON, br)
		case formatGivingJSON:
			err = imp.giving(ctx, svc, service.GivingJSON, br)
		case formatGivingCSV:
			err = imp.giving(ctx, svc, service.GivingCSV, br)
		case formatGivingXLSX:
			err = imp.giving(ctx, svc, service.GivingXLSX, br)
		case formatPlacesCSV:
			err = imp.places(ctx, svc, br)
		case formatKumu:
			err = imp.kumu(ctx, svc, br, c.connection, stdin)
		case formatBoundaries:
			err = imp.boundaries(ctx, svc, br, c.codeProperty)
		}
		if err != nil {
			return fmt.Errorf("import %s: %w", path, err)
		}
		return nil
	})
}

// openInput opens path for reading, stdin for "-", with its size in
// bytes (0 when unknown).
func openInput(path string, stdin io.Reader) (io.Reader, int64, func(), error) {
	if path == "-" {
		return stdin, 0, func() {}, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, nil, fmt.Errorf("import: %w", err)
	}
	var size int64
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		size = st.Size()
	}
	return f, size, func() { _ = f.Close() }, nil
}

// importer runs one import and reports on it.
type importer struct {
	stdout, stderr io.Writer
	place          string
	dateOrder      giving.DateOrder
	skipInvalid    bool
	problems       string // where -skip-invalid writes its report
	// read counts the bytes read from the file, of size (0 when unknown).
	read *countingReader
	size int64
	// progress prints the progress of each phase of the import.
	progress *progressLines
}

// readPercent is how much of the file has been read, -1 when its size is
// unknown.
func (imp importer) readPercent() int {
	if imp.size <= 0 || imp.read == nil {
		return -1
	}
	return int(min(100, imp.read.n*100/imp.size))
}

// document imports a GraphML or voicemap JSON document, read as a
// stream (interchange.ParseStream) and written all or nothing, with the
// progress of each phase on stderr. r has been read up to the bytes
// format detection peeked at, which it still holds.
func (imp importer) document(ctx context.Context, svc *service.Service, format interchange.Format, r io.Reader) error {
	if imp.size > 0 {
		r = interchange.Sized{Reader: r, Bytes: imp.size}
	}
	b, err := interchange.ParseStream(format, r, imp.place, func(n int64) { imp.progress.bytes("parse", n, imp.size) })
	if err != nil {
		return err
	}
	n, err := svc.Import(ctx, b)
	if err != nil {
		return err
	}
	imp.summary(n)
	return nil
}

// giving imports a 360Giving file, streamed, printing the reading phase's
// progress: the share of the file read at each tenth (or, from stdin, a
// line every importProgressEvery grants), then the writing phase's.
func (imp importer) giving(ctx context.Context, svc *service.Service, form service.GivingForm, r io.Reader) error {
	last, printed, printedPct := 0, 0, -1
	n, err := svc.ImportGiving(ctx, r, service.GivingImport{Form: form, PlaceID: imp.place, DateOrder: imp.dateOrder, SkipInvalid: imp.skipInvalid, Progress: func(grants int) {
		last = grants
		if pct := imp.readPercent(); pct >= 0 {
			if printedPct < 0 || pct/10 > printedPct/10 {
				printed, printedPct = grants, pct
				fmt.Fprintf(imp.stderr, "reading: %d%% (%d grants)\n", pct, grants)
			}
			return
		}
		if grants/importProgressEvery > printed/importProgressEvery {
			printed = grants
			fmt.Fprintf(imp.stderr, "read %d grants\n", grants)
		}
	}})
	if imp.readPercent() >= 0 {
		if printedPct < 100 && err == nil {
			fmt.Fprintf(imp.stderr, "reading: 100%% (%d grants)\n", last)
		}
	} else if last != printed {
		fmt.Fprintf(imp.stderr, "read %d grants\n", last)
	}
	if err != nil {
		return err
	}
	for _, p := range n.Rounded {
		fmt.Fprintf(imp.stderr, "warning: %s, %s: %q is %s\n", p.At, p.Field, p.Value, p.Reason)
	}
	if imp.skipInvalid {
		if err := writeProblems(imp.problems, n.Skipped); err != nil {
			return err
		}
		fmt.Fprintf(imp.stderr, "skipped %s with %s; problems written to %s\n", plural(n.SkippedGrants, "invalid grant"), plural(len(n.Skipped), "problem"), imp.problems)
	}
	givingSummary(imp.stdout, n)
	return nil
}

// writeProblems writes a -skip-invalid problems report: a CSV of line,
// field, value and reason, one row per problem, atomically.
func writeProblems(path string, probs []giving.Problem) error {
	rows := [][]string{{"line", "field", "value", "reason"}}
	for _, p := range probs {
		rows = append(rows, []string{p.At, p.Field, p.Value, p.Reason})
	}
	return writeFilesAtomic([]string{path}, func(ws []io.Writer) error { return writeCSVRows(ws[0], rows) }, nil)
}

// writeCSVRows writes rows as CSV through the one CSV writer, which makes
// every cell safe to open in a spreadsheet (interchange.SafeCell).
func writeCSVRows(w io.Writer, rows [][]string) error {
	cw := interchange.NewCSVWriter(w)
	for _, row := range rows {
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	return cw.Flush()
}

// givingSummary prints what a 360Giving import wrote and what it could not
// place: counts created and updated, locations matched by how, grants with
// no beneficiary location, and every unmatched location with its grants
// and money.
func givingSummary(w io.Writer, n service.GivingResult) {
	fmt.Fprintf(w, "imported grants: %d (%d created, %d updated)\n", n.Grants, n.GrantsCreated, n.GrantsUpdated)
	fmt.Fprintf(w, "imported organisations: %d (%d created, %d renamed)\n", n.OrganisationsCreated+n.OrganisationsUpdated, n.OrganisationsCreated, n.OrganisationsUpdated)
	fmt.Fprintf(w, "total: %s\n", moneyList(n.Total))
	var matched []string
	for _, how := range slices.Sorted(maps.Keys(n.Matched)) {
		matched = append(matched, fmt.Sprintf("%d by %s", n.Matched[how], how))
	}
	if len(matched) == 0 {
		matched = []string{"none"}
	}
	fmt.Fprintf(w, "beneficiary locations matched: %s\n", strings.Join(matched, ", "))
	fmt.Fprintf(w, "grants naming no beneficiary location: %d (%s)\n", n.UnplacedGrants, moneyList(n.Unplaced))
	fmt.Fprintf(w, "unmatched beneficiary locations: %d\n", len(n.Unmatched))
	for _, u := range n.Unmatched {
		line := fmt.Sprintf("  %q: %s, %s", u.Location, plural(u.Grants, "grant"), moneyList(u.Amounts))
		if u.Hint != "" {
			line += " (" + u.Hint + ")"
		}
		fmt.Fprintln(w, line)
	}
}

// plural writes "1 grant" or "2 grants".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// moneyList writes sums as "GBP 1200.50, EUR 300.00"; "none" for none.
func moneyList(ms []service.Sum) string {
	if len(ms) == 0 {
		return "none"
	}
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Currency + " " + giving.FormatAmount(m.Minor, m.Currency)
	}
	return strings.Join(out, ", ")
}

// boundaries gives stored places their boundaries from a GeoJSON file.
func (imp importer) boundaries(ctx context.Context, svc *service.Service, r io.Reader, codeProperty string) error {
	n, err := svc.ImportBoundaries(ctx, r, codeProperty)
	if err != nil {
		return err
	}
	fmt.Fprintf(imp.stdout, "places given a boundary: %d\n", n.Places)
	return nil
}

// summary prints the counts of a network import to stdout, one kind a
// line.
func (imp importer) summary(n store.ImportCounts) {
	for _, k := range []struct {
		what             string
		written, updated int
	}{
		{"places", n.Places, n.Updated.Places}, {"people", n.People, n.Updated.People},
		{"organisations", n.Organisations, n.Updated.Organisations}, {"relationships", n.Relationships, n.Updated.Relationships},
		{"forums", n.Forums, n.Updated.Forums}, {"participations", n.Participations, n.Updated.Participations},
	} {
		fmt.Fprintf(imp.stdout, "imported %s: %d (%d created, %d updated)\n", k.what, k.written, k.written-k.updated, k.updated)
	}
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
