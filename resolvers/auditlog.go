package resolvers

import (
	"context"
	"time"

	"github.com/voicemap/voicemap/audit"
	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/graph/model"
	"github.com/voicemap/voicemap/store"
)

// readAuditLog returns a page of the audit log for an admin. The role
// check is here, not in package service: the log is the GraphQL layer's
// (EUNAUTHORIZED without a principal, EFORBIDDEN for any role but admin,
// EUNAVAILABLE when the handler has no log).
func readAuditLog(ctx context.Context, log *audit.Log, first *int, after *string) (*model.AuditConnection, error) {
	p, ok := auth.From(ctx)
	if !ok {
		return nil, store.Errorf(store.EUNAUTHORIZED, "authentication required")
	}
	if p.Role != auth.RoleAdmin {
		return nil, store.Errorf(store.EFORBIDDEN, "the %s role may not read the audit log", p.Role)
	}
	pg, err := page(first, after)
	if err != nil {
		return nil, err
	}
	if log == nil {
		return nil, store.Errorf(store.EUNAVAILABLE, "this server keeps no audit log")
	}
	c, err := audit.Read(log.Path(), pg)
	return toConnection(c, err, auditConnection)
}

func auditConnection(c store.Connection[audit.Record]) *model.AuditConnection {
	return &model.AuditConnection{
		Edges: edges(c, func(cur string, r *audit.Record) model.AuditEdge {
			return model.AuditEdge{Cursor: cur, Node: auditRecord(r)}
		}),
		PageInfo:   pageInfo(c),
		TotalCount: c.TotalCount,
	}
}

func auditRecord(r *audit.Record) *model.AuditRecord {
	return &model.AuditRecord{
		Seq:        r.Seq,
		At:         r.Time.UTC().Format(time.RFC3339Nano),
		KeyID:      r.KeyID,
		Role:       r.Role,
		Operation:  r.Operation,
		Scope:      r.Scope,
		Subjects:   r.Subjects,
		SubjectKey: nullable(r.SubjectKey),
		Failed:     r.Failed,
		PrevHash:   r.Prev,
	}
}

// nullable returns nil for "", else a pointer to s.
func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
