package service

import (
	"context"

	"github.com/voicemap/voicemap/audit"
	"github.com/voicemap/voicemap/store"
)

// AuditReader reads a page of the audit log (audit.ReadLines over the
// log's lines: its file, or the Neo4j database's).
type AuditReader func(store.Page) (store.Connection[audit.Record], error)

// AuditLog returns a page of the audit log through read. The log is kept
// by the layer that writes it (the GraphQL handler), but who may read it
// is the policy table's: the admin role only. EUNAVAILABLE when read is nil
// (a server keeping no audit log).
func (s *Service) AuditLog(ctx context.Context, p store.Page, read AuditReader) (store.Connection[audit.Record], error) {
	return run(ctx, s, "AuditLog", func(*access) (store.Connection[audit.Record], error) {
		if read == nil {
			return store.Connection[audit.Record]{}, store.Errorf(store.EUNAVAILABLE, "this server keeps no audit log")
		}
		return read(p)
	})
}
