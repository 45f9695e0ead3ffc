package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/voicemap/voicemap/app"
	"github.com/voicemap/voicemap/audit"
)

// auditCmd is "voicemap audit": its flags and their values.
type auditCmd struct {
	fs     *flag.FlagSet
	common *commonFlags
	ids    placesFlag // -id, repeatable
}

func newAuditCmd(getenv func(string) string, w io.Writer) *auditCmd {
	c := &auditCmd{fs: flag.NewFlagSet("voicemap audit", flag.ContinueOnError)}
	c.fs.SetOutput(w)
	c.fs.Usage = commandUsage(c.fs, "voicemap audit verify | voicemap audit lookup -id ID [-id ID ...]",
		`Read the audit log (-audit-log; its key -audit-key). With Neo4j
(NEO4J_URI) the log is the one kept in the database, which every API
server over it appends to, and -audit-log is not read.

  verify   check the log's hash chain: every line a record, numbered in
           order, each holding the SHA-256 of the line before
  lookup   print, one JSON line each, the records of the people with the
           given ids: the ids are hashed with the log's key (HMAC-SHA-256,
           as the log records them) and matched; records written before
           ids were hashed are matched on the plain id

The log never holds an id itself, only its keyed hash, so that erasing a
person leaves nothing readable of them in it; lookup needs the key file the
log was written with. Neither command changes the log or its key.
`)
	c.common = newCommonFlags(c.fs, getenv, "warn")
	c.fs.Var(&c.ids, "id", "lookup: the id of a person to look up; repeat for several")
	return c
}

// auditFlags returns the flags of audit, for help.
func auditFlags(getenv func(string) string, w io.Writer) *flag.FlagSet {
	return newAuditCmd(getenv, w).fs
}

// runAudit runs "voicemap audit verify" and "voicemap audit lookup" on the
// log app.AuditLines names: the file, or the Neo4j database's (the one
// store it may open).
func runAudit(ctx context.Context, args []string, getenv func(string) string, _ io.Reader, stdout, stderr io.Writer) (err error) {
	if len(args) == 0 || (args[0] != "verify" && args[0] != "lookup") {
		return usageErrorf("audit: want the subcommand verify or lookup (see voicemap help audit)")
	}
	sub := args[0]
	c := newAuditCmd(getenv, stderr)
	if err := parseFlags(c.fs, args[1:]); err != nil {
		return ignoreHelp(err)
	}
	if c.fs.NArg() > 0 {
		return usageErrorf("audit %s: unexpected argument %q (see voicemap help audit)", sub, c.fs.Arg(0))
	}
	if err := c.common.finish(); err != nil {
		return err
	}
	cfg := c.common.cfg
	if sub == "verify" && len(c.ids) > 0 {
		return usageErrorf("audit verify takes no -id")
	}
	if sub == "lookup" && len(c.ids) == 0 {
		return usageErrorf("audit lookup: give at least one -id")
	}
	lines, closeLines, err := app.AuditLines(ctx, cfg, app.NewLogger(cfg, stderr))
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, closeLines()) }()
	if sub == "verify" {
		n, err := audit.VerifyLines(ctx, lines)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(stdout, "%s: %d records, hash chain intact\n", lines.Where(), n)
		return err
	}
	key, err := audit.LoadKey(cfg.AuditKeyPath)
	if err != nil {
		return fmt.Errorf("audit lookup: %w", err)
	}
	recs, err := audit.FindLines(ctx, lines, key, c.ids...)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	for _, r := range recs {
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	_, err = fmt.Fprintf(stderr, "%d records\n", len(recs))
	return err
}
