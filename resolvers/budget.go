package resolvers

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
)

// validationBudget refuses a request whose variables hold more than
// MaxVariableValues values, before gqlgen coerces them; then it parses each
// query not already in the query cache and refuses, before gqlgen
// validates it, a document whose validation would take more work than the
// limits allow (measureDocument, meter.go): gqlparser walks every fragment
// again from each operation and fragment definition that reaches it, and
// compares every two fields that share a response name at the same place
// (overlapping fields can be merged), so a document within the token limit
// can cost seconds of CPU to validate. A refusal is coded
// GRAPHQL_VALIDATION_FAILED (HTTP 422); a document that does not parse
// gets the parser's GRAPHQL_PARSE_FAILED, as gqlgen would answer.
//
// A document that passes is parsed a second time by gqlgen; parsing is
// linear in the document's size, and a cached document skips both.
type validationBudget struct {
	cache  graphql.Cache[*ast.QueryDocument]
	limits budgetLimits
}

// budgetLimits are the caps measureDocument applies.
type budgetLimits struct {
	operations, variables, directives, visits, comparisons int
}

var defaultBudget = budgetLimits{
	operations: MaxOperations, variables: MaxVariables, directives: MaxDirectives,
	visits: MaxValidationVisits, comparisons: MaxFieldComparisons,
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = validationBudget{}

// ExtensionName implements graphql.HandlerExtension.
func (validationBudget) ExtensionName() string { return "ValidationBudget" }

// Validate implements graphql.HandlerExtension.
func (validationBudget) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters implements graphql.OperationParameterMutator:
// it runs before gqlgen parses the query. A request whose client has gone
// or whose deadline has passed is answered UNAVAILABLE without parsing.
func (b validationBudget) MutateOperationParameters(ctx context.Context, p *graphql.RawParams) *gqlerror.Error {
	if ctx.Err() != nil {
		return &gqlerror.Error{Message: "the request ended before its query was read", Extensions: map[string]any{"code": CodeUnavailable}}
	}
	if n := variableValues(p.Variables, MaxVariableValues); n > MaxVariableValues {
		return refuseShape(fmt.Sprintf("variables hold more than %d values", MaxVariableValues))
	}
	if _, ok := b.cache.Get(ctx, p.Query); ok {
		return nil
	}
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: p.Query}, MaxTokens)
	if err != nil {
		gerr, ok := err.(*gqlerror.Error)
		if !ok {
			gerr = gqlerror.Wrap(err)
		}
		errcode.Set(gerr, errcode.ParseFailed)
		return gerr
	}
	if m := measureDocument(doc, b.limits); m.refusal != "" {
		return refuseShape(m.refusal)
	}
	return nil
}

// variableValues counts the values of decoded JSON variables, each list
// and object one plus its members', stopping once the count passes limit.
func variableValues(vars map[string]any, limit int) int {
	n := 0
	var count func(any)
	count = func(v any) {
		n++
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				if n > limit {
					return
				}
				count(e)
			}
		case map[string]any:
			for _, e := range x {
				if n > limit {
					return
				}
				count(e)
			}
		}
	}
	for _, v := range vars {
		if n > limit {
			break
		}
		count(v)
	}
	return n
}
