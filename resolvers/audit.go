package resolvers

import (
	"context"
	"log/slog"
	"slices"
	"strings"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/voicemap/voicemap/audit"
	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/store"
)

// auditExtension appends a record to the audit log for every operation
// that returns or changes person-level data (see package audit).
//
// The subjects of a record are the ids of every Person object in the
// response, whichever field or service type carried it (a field
// interceptor sees each Person field resolve and takes the id from the
// Person its parent resolved to), and, for a mutation, the ids of the
// actors named in its arguments (personArgs): upsertPerson's input.id,
// forgetPerson's and deleteActor's id, connect's fromId and toId and
// recordParticipation's actorId. Argument ids are recorded whether or not
// the mutation succeeded (Failed marks the record) and may name an
// organisation (deleteActor, connect and recordParticipation take either
// kind; the log over-records rather than misses). An import of a network
// (importNetwork, importKumu) is recorded without subjects. A Person whose
// only selected field is __typename is not seen. An operation touching no
// person writes nothing.
//
// When the record cannot be written the response is replaced by an
// INTERNAL error: a read is not answered without its record (a mutation
// has committed by then; its client sees the error).
type auditExtension struct {
	log    *audit.Log
	logger *slog.Logger
}

var (
	_ graphql.HandlerExtension    = auditExtension{}
	_ graphql.ResponseInterceptor = auditExtension{}
	_ graphql.FieldInterceptor    = auditExtension{}
)

// personArgs are, for each mutation, the argument paths that hold the id
// of a person (or of an actor that may be one).
var personArgs = map[string][][]string{
	"upsertPerson":        {{"input", "id"}},
	"deleteActor":         {{"id"}},
	"forgetPerson":        {{"id"}},
	"connect":             {{"input", "fromId"}, {"input", "toId"}},
	"recordParticipation": {{"input", "actorId"}},
}

// auditedImports are the mutations that write people in bulk: always
// recorded, without subjects.
var auditedImports = []string{"importNetwork", "importKumu"}

func (auditExtension) ExtensionName() string                   { return "AuditLog" }
func (auditExtension) Validate(graphql.ExecutableSchema) error { return nil }

// subjects collects the person ids of one operation; fields resolve
// concurrently.
type subjects struct {
	mu  sync.Mutex
	ids map[string]struct{}
}

func (s *subjects) add(id string) {
	if id == "" {
		return
	}
	s.mu.Lock()
	s.ids[id] = struct{}{}
	s.mu.Unlock()
}

func (s *subjects) list() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.ids))
	for id := range s.ids {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

type subjectsKey struct{}

// InterceptField records the id of the Person whose field is resolving.
func (auditExtension) InterceptField(ctx context.Context, next graphql.Resolver) (any, error) {
	if fc := graphql.GetFieldContext(ctx); fc != nil && fc.Object == "Person" && fc.Parent != nil {
		if s, ok := ctx.Value(subjectsKey{}).(*subjects); ok {
			s.add(personID(fc.Parent.Result))
		}
	}
	return next(ctx)
}

// personID returns the id of v when it is a person ("" otherwise): the
// result of a field of type Person, or of the Actor interface.
func personID(v any) string {
	switch p := v.(type) {
	case store.Person:
		return p.ID
	case *store.Person:
		if p != nil {
			return p.ID
		}
	}
	return ""
}

// InterceptResponse runs the operation with a subjects collector and then
// writes its record.
func (a auditExtension) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	if !graphql.HasOperationContext(ctx) {
		return next(ctx)
	}
	oc := graphql.GetOperationContext(ctx)
	if oc.Operation == nil {
		return next(ctx)
	}
	s := &subjects{ids: map[string]struct{}{}}
	resp := next(context.WithValue(ctx, subjectsKey{}, s))
	if resp == nil {
		return nil
	}
	fields, argIDs, imports := rootFields(oc)
	for _, id := range argIDs {
		s.add(id)
	}
	ids := s.list()
	if len(ids) == 0 && !imports {
		return resp
	}
	p, _ := auth.From(ctx)
	rec := audit.Record{
		KeyID:     p.KeyID,
		Role:      string(p.Role),
		Operation: string(oc.Operation.Operation) + " " + strings.Join(fields, ","),
		Subjects:  ids,
		Failed:    len(resp.Errors) > 0,
	}
	if _, err := a.log.Append(rec); err != nil {
		a.logger.ErrorContext(ctx, "audit log append failed; response withheld", "err", err, "operation", rec.Operation)
		return &graphql.Response{Errors: gqlerror.List{{
			Message:    "the audit log could not be written",
			Extensions: map[string]any{"code": CodeInternal},
		}}}
	}
	return resp
}

// rootFields returns the names of the operation's root fields (in order,
// without duplicates), the person ids in a mutation's arguments, and
// whether the mutation imports a network.
func rootFields(oc *graphql.OperationContext) (names, ids []string, imports bool) {
	root := "Query"
	if oc.Operation.Operation == ast.Mutation {
		root = "Mutation"
	}
	for _, f := range graphql.CollectFields(oc, oc.Operation.SelectionSet, []string{root}) {
		if !slices.Contains(names, f.Name) {
			names = append(names, f.Name)
		}
		if root != "Mutation" {
			continue
		}
		imports = imports || slices.Contains(auditedImports, f.Name)
		args := f.ArgumentMap(oc.Variables)
		for _, path := range personArgs[f.Name] {
			if id, ok := lookup(args, path).(string); ok {
				ids = append(ids, id)
			}
		}
	}
	return names, ids, imports
}

// lookup follows path through nested argument maps.
func lookup(v any, path []string) any {
	for _, k := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}
