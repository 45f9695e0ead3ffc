package resolvers

import (
	"context"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/voicemap/voicemap/audit"
	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/service"
)

// auditExtension appends a record to the audit log for every operation
// that touches person-level data, which the schema marks with @personal
// (audit.graphqls says what the marks mean; personal.go reads them):
//
//   - an object of a @personal type (Person, Relationship, Participation)
//     in the answer, whichever field carried it (a field interceptor sees
//     each of its fields resolve and takes the subjects from the object,
//     by service.Subjects), and the cursor of an edge of one or the
//     endCursor of a connection of them;
//   - a @personal field whose answer is not made of such objects (exports,
//     imports): the people the service reports it handed out or wrote
//     (service.Activity);
//   - a @personal argument or input field (pathToPower's personId,
//     relationships' actorId, the actors a mutation names): the id it
//     holds, recorded whether or not the operation succeeds (Failed marks
//     the record).
//
// An operation touching none of these writes nothing. A person-level
// object of which only __typename is selected is not seen (it carries
// nothing but its kind).
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

func (auditExtension) ExtensionName() string                   { return "AuditLog" }
func (auditExtension) Validate(graphql.ExecutableSchema) error { return nil }

// subjects collects the person ids of one operation, and whether it
// touched person-level data; fields resolve concurrently.
type subjects struct {
	mu      sync.Mutex
	ids     map[string]struct{}
	touched bool
}

func (s *subjects) add(ids ...string) {
	s.mu.Lock()
	s.touched = true
	for _, id := range ids {
		if id != "" {
			s.ids[id] = struct{}{}
		}
	}
	s.mu.Unlock()
}

func (s *subjects) list() ([]string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Sorted(maps.Keys(s.ids)), s.touched
}

type subjectsKey struct{}

// InterceptField records the subjects of the field resolving (see
// auditExtension).
func (auditExtension) InterceptField(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	s, ok := ctx.Value(subjectsKey{}).(*subjects)
	if fc == nil || !ok {
		return next(ctx)
	}
	rules := personalSchema()
	if rules.args[fc.Object+"."+fc.Field.Name] {
		args := fc.Field.ArgumentMap(graphql.GetOperationContext(ctx).Variables)
		if ids, ok := rules.argumentIDs(fc.Field.Definition, args); ok {
			s.add(ids...)
		}
	}
	if rules.fields[fc.Object+"."+fc.Field.Name] {
		actx, act := service.WithActivity(ctx)
		res, err := next(actx)
		s.add(act.People()...)
		return res, err
	}
	res, err := next(ctx)
	if fc.Parent == nil {
		return res, err
	}
	switch {
	case rules.types[fc.Object]:
		s.add(service.Subjects(fc.Parent.Result)...)
	case rules.edges[fc.Object] && fc.Field.Name == "cursor":
		s.add(service.Subjects(fc.Parent.Result)...)
	case fc.Object == "PageInfo" && fc.Field.Name == "endCursor" && rules.connections[fc.Parent.Object] && fc.Parent.Parent != nil:
		s.add(service.Subjects(lastEdge(fc.Parent.Parent.Result))...)
	}
	return res, err
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
	ids, touched := s.list()
	if !touched {
		return resp
	}
	p, _ := auth.From(ctx)
	rec := audit.Record{
		KeyID:     p.KeyID,
		Role:      string(p.Role),
		Operation: string(oc.Operation.Operation) + " " + strings.Join(rootFields(oc), ","),
		Subjects:  ids,
		Failed:    len(resp.Errors) > 0,
	}
	if _, err := a.log.Append(ctx, rec); err != nil {
		a.logger.ErrorContext(ctx, "audit log append failed; response withheld", "err", err, "operation", rec.Operation)
		return &graphql.Response{Errors: gqlerror.List{{
			Message:    "the audit log could not be written",
			Extensions: map[string]any{"code": CodeInternal},
		}}}
	}
	return resp
}

// rootFields returns the names of the operation's root fields, in order,
// without duplicates.
func rootFields(oc *graphql.OperationContext) []string {
	root := "Query"
	if oc.Operation.Operation == ast.Mutation {
		root = "Mutation"
	}
	var names []string
	for _, f := range graphql.CollectFields(oc, oc.Operation.SelectionSet, []string{root}) {
		if !slices.Contains(names, f.Name) {
			names = append(names, f.Name)
		}
	}
	return names
}
