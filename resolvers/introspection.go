package resolvers

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// noIntrospection refuses, before execution and with code
// GRAPHQL_VALIDATION_FAILED, any operation that selects __schema or __type
// (__typename stays allowed). gqlgen also disables introspection when the
// Introspection extension is absent, but answers with an uncoded error at
// execution time.
type noIntrospection struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = noIntrospection{}

// ExtensionName implements graphql.HandlerExtension.
func (noIntrospection) ExtensionName() string { return "NoIntrospection" }

// Validate implements graphql.HandlerExtension.
func (noIntrospection) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext implements graphql.OperationContextMutator.
func (noIntrospection) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Doc == nil {
		return nil
	}
	for _, op := range oc.Doc.Operations {
		if selectsIntrospection(op.SelectionSet) {
			return refuseIntrospection()
		}
	}
	for _, f := range oc.Doc.Fragments {
		if selectsIntrospection(f.SelectionSet) {
			return refuseIntrospection()
		}
	}
	return nil
}

func refuseIntrospection() *gqlerror.Error {
	return &gqlerror.Error{
		Message:    "introspection is disabled",
		Extensions: map[string]any{"code": "GRAPHQL_VALIDATION_FAILED"},
	}
}

func selectsIntrospection(set ast.SelectionSet) bool {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if s.Name == "__schema" || s.Name == "__type" || selectsIntrospection(s.SelectionSet) {
				return true
			}
		case *ast.InlineFragment:
			if selectsIntrospection(s.SelectionSet) {
				return true
			}
		}
	}
	return false
}
