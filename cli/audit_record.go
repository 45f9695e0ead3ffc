package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/voicemap/voicemap/app"
	"github.com/voicemap/voicemap/audit"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

// CLIKeyID is the key id of the command line's audit records.
const CLIKeyID = "cli"

// auditRecorder prepares the audit record of a command that hands
// person-level data out (export, report), under the rule of the audit log:
// the command runs the service with the returned context, which carries a
// service.Activity, and stages its output; publish, called before the
// output is published (writeOutput, writeFilesAtomic), appends the record
// naming the people the service reported handing out (the rule the GraphQL
// audit log applies to exports). An error before that leaves no output,
// and no output leaves without its record. The log is st's when st is
// Neo4j, the file cfg names otherwise (app.OpenAuditLog).
func auditRecorder(ctx context.Context, cfg app.Config, st store.Store, operation string, scope store.Scope) (_ context.Context, publish func() error) {
	ctx, act := service.WithActivity(ctx)
	return ctx, func() error {
		l, err := app.OpenAuditLog(ctx, cfg, st)
		if err != nil {
			return err
		}
		_, err = l.Append(ctx, audit.Record{
			KeyID: CLIKeyID, Role: "admin", Operation: "cli " + operation,
			Scope: scopeString(scope), Subjects: act.People(),
		})
		if cerr := l.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("audit: close: %w", cerr)
		}
		if err != nil {
			return fmt.Errorf("audit: %w", err)
		}
		return nil
	}
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
