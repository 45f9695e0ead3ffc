package resolvers

import (
	"context"
	"time"

	"github.com/voicemap/voicemap/audit"
	"github.com/voicemap/voicemap/graph/model"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

// readAuditLog returns a page of the audit log, under the service's policy
// for it (admin only; EUNAVAILABLE when the handler has no log).
func (r *Resolver) readAuditLog(ctx context.Context, first *int, after *string) (*model.AuditConnection, error) {
	pg, err := page(first, after)
	if err != nil {
		return nil, err
	}
	var read service.AuditReader
	if r.Audit != nil {
		read = func(p store.Page) (store.Connection[audit.Record], error) {
			return audit.ReadLines(ctx, r.Audit.Lines(), p)
		}
	}
	c, err := r.Service.AuditLog(ctx, pg, read)
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
