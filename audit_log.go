package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/audit"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

// CLIKeyID is the key id of the command line's audit records.
const CLIKeyID = "cli"

// openAuditLog opens the audit log cfg names (AuditPath, with its key at
// AuditKeyPath) for appending, creating its directory (mode 0700) when
// missing.
func openAuditLog(cfg config) (*audit.Log, error) {
	path := cfg.AuditPath
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("audit log %s: %w", path, err)
	}
	l, err := audit.Open(path, audit.WithKeyFile(cfg.AuditKeyPath))
	if err != nil {
		return nil, fmt.Errorf("audit log (-audit-log, VOICEMAP_AUDIT_LOG; key -audit-key, VOICEMAP_AUDIT_KEY_FILE): %w", err)
	}
	return l, nil
}

// auditCLI appends the record of a command that writes person-level data
// out (export, report) before it does, to the log cfg names: operation
// names the command and format, scope what it covers, and the subjects are
// the ids of every person in the scope (recorded as keyed hashes), from the
// centrality of the scope (which the command computes anyway, so the list
// costs a cache hit). The record is written first so that no data leaves
// without it: an error here stops the command.
func auditCLI(ctx context.Context, cfg config, svc *service.Service, operation string, scope store.Scope) error {
	scores, err := svc.Centrality(ctx, scope, analysis.Degree, false)
	if err != nil {
		return fmt.Errorf("audit: list the people in scope: %w", err)
	}
	ids := make([]string, 0, len(scores))
	for _, s := range scores {
		if s.Actor.Person != nil {
			ids = append(ids, s.Actor.Person.ID)
		}
	}
	l, err := openAuditLog(cfg)
	if err != nil {
		return err
	}
	_, err = l.Append(audit.Record{
		KeyID: CLIKeyID, Role: "admin", Operation: "cli " + operation,
		Scope: scopeString(scope), Subjects: ids,
	})
	if cerr := l.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("audit: close: %w", cerr)
	}
	return err
}

// scopeString describes a scope as "place=ID asOf=DATE" ("all" for the
// whole store).
func scopeString(s store.Scope) string {
	var parts []string
	if s.PlaceID != "" {
		parts = append(parts, "place="+s.PlaceID)
	}
	if s.AsOf != nil {
		parts = append(parts, "asOf="+s.AsOf.Format("2006-01-02"))
	}
	if len(parts) == 0 {
		return "all"
	}
	return strings.Join(parts, " ")
}
