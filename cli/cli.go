package cli

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/voicemap/voicemap/app"
	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

// Exit statuses of the voicemap command.
const (
	ExitOK    = 0 // success, or -h
	ExitError = 1 // the command failed
	ExitUsage = 2 // the command line was wrong
)

// command is a subcommand of voicemap.
type command struct {
	name    string
	summary string
	// run runs the command with the arguments after its name.
	run func(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error
	// flags returns the command's flag set writing to w, for help.
	flags func(getenv func(string) string, w io.Writer) *flag.FlagSet
}

// ServeFunc serves the API with the configuration cfg until ctx is
// cancelled, printing "voicemap listening on http://ADDR" to stdout once
// it listens and logging to stderr (package main's serve, which opens the
// resources and wires the server together).
type ServeFunc func(ctx context.Context, cfg app.Config, stdout, stderr io.Writer) error

// commands lists the subcommands in the order help shows them, serve
// running with serve.
func commands(serve ServeFunc) []command {
	return []command{
		{"serve", "serve the GraphQL API (the default when the first argument is a flag or absent)", serveCommand(serve), serveFlags},
		{"import", "import a network, 360Giving grants, place data or a Kumu spreadsheet from a file", runImport, importFlags},
		{"export", "export the network with its measures as GraphML, GEXF or CSV", runExport, exportFlags},
		{"report", "write a centrality and power report of a place as Markdown or CSV", runReport, reportFlags},
		{"places", "load part of the built-in UK geography as places: places load-uk -area CODE", runPlaces, placesFlags},
		{"healthcheck", "exit 0 when the server at VOICEMAP_ADDR is ready (for container health checks)", runHealthcheck, healthcheckFlags},
		{"audit", "check the audit log's hash chain, or look up the records of a person's id", runAudit, auditFlags},
		{"keys", "create an API key: keys new -id ID -role ROLE [-place PLACE ...] [-file FILE]", runKeys, keysFlags},
	}
}

// Run runs the voicemap command line in args (the program name first):
// "voicemap [serve] [flags]" parses the server's configuration and calls
// serve with it, "voicemap import|export|report [flags] ..." runs one piece
// of work against the store and returns, and "voicemap help [command]"
// prints usage to stdout. It returns nil on success or after -h, a
// usageError for a wrong command line (ExitStatus ExitUsage), and any
// other error when the command fails.
func Run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer, serve ServeFunc) error {
	if len(args) == 0 {
		args = []string{"voicemap"}
	}
	rest := args[1:]
	name := "serve"
	if len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
		name, rest = rest[0], rest[1:]
	}
	if name == "help" {
		return runHelp(rest, getenv, stdout)
	}
	if name != "serve" {
		// Whoever can open the store file or holds the Neo4j credentials
		// is already an administrator of the data (see package auth).
		ctx = auth.With(ctx, auth.LocalAdmin)
	}
	for _, c := range commands(serve) {
		if c.name == name {
			return c.run(ctx, rest, getenv, stdin, stdout, stderr)
		}
	}
	return usageErrorf("unknown command %q (see voicemap help)", name)
}

// ExitStatus returns the process's exit status for err, what Run
// returned, printing a failure to stderr as "voicemap: ERROR" followed by
// each of the error's details (store.ErrorDetails, for example one per
// problem of a refused import) on a line of its own.
func ExitStatus(err error, stderr io.Writer) int {
	if err == nil {
		return ExitOK
	}
	fmt.Fprintln(stderr, "voicemap:", err)
	for _, d := range store.ErrorDetails(err) {
		fmt.Fprintln(stderr, "  "+d)
	}
	if errors.As(err, new(usageError)) {
		return ExitUsage
	}
	return ExitError
}

// usageError is a wrong command line: an unknown command or flag, a
// missing or extra argument, or a flag value out of its range. It exits
// with status ExitUsage.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// usageErrorf returns a usageError with a formatted message.
func usageErrorf(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// runHelp prints the usage of voicemap, or of the command named in args,
// to w.
func runHelp(args []string, getenv func(string) string, w io.Writer) error {
	if len(args) > 1 {
		return usageErrorf("help takes at most one command, got %d", len(args))
	}
	if len(args) == 1 {
		for _, c := range commands(nil) {
			if c.name == args[0] {
				c.flags(getenv, w).Usage()
				return nil
			}
		}
		return usageErrorf("unknown command %q (see voicemap help)", args[0])
	}
	printUsage(w)
	return nil
}

// printUsage prints the list of commands.
func printUsage(w io.Writer) {
	fmt.Fprint(w, `usage: voicemap [command] [flags] [arguments]

commands:
`)
	for _, c := range commands(nil) {
		fmt.Fprintf(w, "  %-11s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `  help        print this list, or with a command name that command's flags

Every command uses the embedded store file given by -data (VOICEMAP_DATA,
default `+app.DefaultData+`), or Neo4j when NEO4J_URI is set (with NEO4J_USER,
NEO4J_PASSWORD, NEO4J_DATABASE). The embedded file can be open in one
process at a time: stop a running server before importing into its file.

Exit status: 0 success, 1 failure, 2 wrong command line.
`)
}

// commandUsage returns a flag.FlagSet Usage function printing synopsis
// and text, then the flags.
func commandUsage(fs *flag.FlagSet, synopsis, text string) func() {
	return func() {
		fmt.Fprintf(fs.Output(), "usage: %s\n\n%s\nflags:\n", synopsis, text)
		fs.PrintDefaults()
	}
}

// serveCommand returns the run function of "voicemap serve", which reads
// nothing from stdin: it parses the server's configuration and calls
// serve with it.
func serveCommand(serve ServeFunc) func(context.Context, []string, func(string) string, io.Reader, io.Writer, io.Writer) error {
	return func(ctx context.Context, args []string, getenv func(string) string, _ io.Reader, stdout, stderr io.Writer) error {
		cfg, err := parseConfig(args, getenv, stderr)
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		if err != nil {
			return err
		}
		return serve(ctx, cfg, stdout, stderr)
	}
}

// serveFlags returns the flags of serve, for help.
func serveFlags(getenv func(string) string, w io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("voicemap serve", flag.ContinueOnError)
	fs.SetOutput(w)
	_, _ = parseConfigFlags(fs, getenv) // a malformed variable leaves its default in the help
	return fs
}

// cliFlags are the flags every command other than serve shares: the store
// and logging flags, and -demo.
type cliFlags struct {
	*commonFlags
	// st is the store withService opened, while its fn runs (for the
	// audit record, auditRecorder).
	st store.Store
}

// newCLIFlags registers the shared flags on fs. Command-line work logs at
// warn by default (VOICEMAP_LOG_LEVEL overrides it).
func newCLIFlags(fs *flag.FlagSet, getenv func(string) string) *cliFlags {
	c := &cliFlags{commonFlags: newCommonFlags(fs, getenv, "warn")}
	fs.BoolVar(&c.cfg.Demo, "demo", false, "first load the built-in demo network when the store holds no places")
	return c
}

// withService opens the store the flags choose (app.OpenStore, loading
// the demo network when asked), runs fn with a Service over the store
// (made with opts), and closes it. Logs go to stderr.
func (c *cliFlags) withService(ctx context.Context, stderr io.Writer, fn func(*service.Service) error, opts ...service.Option) error {
	logger := app.NewLogger(c.cfg, stderr)
	st, err := app.OpenStore(ctx, c.cfg, logger)
	if err != nil {
		return err
	}
	c.st = st
	err = fn(service.New(st, logger, opts...))
	c.st = nil
	return errors.Join(err, app.CloseStore(st, logger))
}

// parseDate reads a -as-of flag value, YYYY-MM-DD; empty gives nil.
func parseDate(flagName, s string) (*time.Time, error) {
	if s == "" {
		return nil, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return nil, usageErrorf("-%s %q: want a date YYYY-MM-DD", flagName, s)
	}
	return &t, nil
}

// writeFilesAtomic creates the files at paths through fn, which gets one
// writer per path: each is written to a temporary file in its directory,
// and all are renamed into place only when fn, every write and then
// publish (when not nil) succeed, so a failure leaves no partial file (and
// no file replaced). The files are created with mode 0600, since they may
// hold personal data.
func writeFilesAtomic(paths []string, fn func(ws []io.Writer) error, publish func() error) (err error) {
	files := make([]*os.File, 0, len(paths))
	defer func() {
		for _, f := range files {
			if f != nil {
				_ = f.Close()
				_ = os.Remove(f.Name())
			}
		}
	}()
	ws := make([]io.Writer, len(paths))
	bufs := make([]*bufio.Writer, len(paths))
	for i, p := range paths {
		f, err := os.CreateTemp(filepath.Dir(p), "."+filepath.Base(p)+".*.tmp")
		if err != nil {
			return fmt.Errorf("create %s: %w", p, err)
		}
		files = append(files, f)
		bufs[i] = bufio.NewWriterSize(f, 64<<10)
		ws[i] = bufs[i]
	}
	if err := fn(ws); err != nil {
		return err
	}
	for i, f := range files {
		if err := bufs[i].Flush(); err != nil {
			return fmt.Errorf("write %s: %w", paths[i], err)
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("write %s: %w", paths[i], err)
		}
	}
	if publish != nil {
		if err := publish(); err != nil {
			return err
		}
	}
	for i, f := range files {
		if err := os.Rename(f.Name(), paths[i]); err != nil {
			return fmt.Errorf("rename %s to %s: %w", f.Name(), paths[i], err)
		}
		files[i] = nil
	}
	return nil
}

// writeOutput writes through fn to the file out (atomically), or to stdout
// when out is empty or "-", and calls publish (when not nil) once fn has
// succeeded and before anything reaches out or stdout: stdout's output is
// held in memory until then.
func writeOutput(out string, stdout io.Writer, fn func(io.Writer) error, publish func() error) error {
	if out == "" || out == "-" {
		var buf bytes.Buffer
		if err := fn(&buf); err != nil {
			return err
		}
		if publish != nil {
			if err := publish(); err != nil {
				return err
			}
		}
		_, err := buf.WriteTo(stdout)
		return err
	}
	return writeFilesAtomic([]string{out}, func(ws []io.Writer) error { return fn(ws[0]) }, publish)
}
