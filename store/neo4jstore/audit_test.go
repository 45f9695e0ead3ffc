package neo4jstore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/voicemap/voicemap/audit"
	"github.com/voicemap/voicemap/audit/audittest"
	"github.com/voicemap/voicemap/store/neo4jstore"
)

var _ audit.Lines = (*neo4jstore.AuditLines)(nil)

// TestAuditLines runs the conformance suite of audit.Lines on the audit
// log kept in the database: each server of a test is a store of its own
// (its own driver) over the one database. On NornicDB the concurrent
// appends conflict at commit and are tried again (difference 18).
func TestAuditLines(t *testing.T) {
	audittest.Run(t, func(t *testing.T) func() audit.Lines {
		mustOpen(t) // locks the server and empties the database
		cfg := testConfig(t)
		return func() audit.Lines {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			s, err := neo4jstore.Open(ctx, cfg)
			if err != nil {
				t.Fatalf("Open(%s) = %v", cfg.URI, err)
			}
			t.Cleanup(func() { _ = s.Close() })
			return s.AuditLines()
		}
	})
}

// TestAuditLinesTampered checks that an edited line in the database
// breaks the chain at the line after it.
func TestAuditLinesTampered(t *testing.T) {
	s := mustOpen(t)
	l, err := audit.OpenLines(t.Context(), s.AuditLines(), t.TempDir()+"/audit.key")
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, err := l.Append(t.Context(), audit.Record{KeyID: "k", Operation: "query person", Subjects: []string{"p1"}}); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := audit.VerifyLines(t.Context(), s.AuditLines()); err != nil || n != 3 {
		t.Fatalf("VerifyLines = %d, %v; want 3, nil", n, err)
	}
	if err := neo4jstore.Exec(t.Context(), s, `MATCH (l:AuditLine {seq: 2}) SET l.line = replace(l.line, '"keyId":"k"', '"keyId":"x"')`); err != nil {
		t.Fatal(err)
	}
	if _, err := audit.VerifyLines(t.Context(), s.AuditLines()); err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("VerifyLines after editing line 2 = %v, want an error at line 3", err)
	}
}
