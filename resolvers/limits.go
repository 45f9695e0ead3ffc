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

// Limits on the shape of a query. Before gqlgen validates a query not
// already cached, validationBudget (budget.go) refuses one over
// MaxOperations, MaxVariables, MaxDirectives, MaxValidationVisits or
// MaxFieldComparisons (and, for every request, variables holding more than
// MaxVariableValues values); after validation and before any resolver runs,
// queryLimits refuses one over MaxDepth or MaxAliases and costLimit
// (cost.go) one over MaxComplexity (complexity.go). Each refusal is coded
// GRAPHQL_VALIDATION_FAILED (HTTP 422) with a message naming the limit; a
// query over MaxTokens fails to parse, with GRAPHQL_PARSE_FAILED and the
// message "exceeded token limit of 10000". Every check is linear in the document (fragments are measured
// once, or the measure stops at its limit), so refusing any document under
// the body cap takes milliseconds (BENCHMARKS.md).
const (
	// MaxDepth is the deepest field nesting an operation may select, counted
	// after expanding fragment spreads and inline fragments: in
	// { people { edges { node { id } } } } id is at depth 4. The
	// introspection fields __schema and __type count as one level (their
	// depth is bounded by gqlparser's own introspection rule, and they are
	// only allowed in development).
	MaxDepth = 12
	// MaxAliases is the most aliased fields (a: field) an operation may
	// hold, counted after expanding fragments, so that one request cannot
	// repeat an expensive field many times under different names.
	MaxAliases = 30
	// MaxTokens is the most lexical tokens the parser reads before giving
	// up. A string literal (an import's file) is one token.
	MaxTokens = 10_000
	// MaxOperations is the most operations one document may hold (one of
	// them runs, chosen by operationName); validation walks each, and
	// reports each anonymous one among others.
	MaxOperations = 50
	// MaxVariables is the most variables one operation may define.
	// gqlparser looks each use of a variable up among the definitions one
	// by one, so their product is what validation pays.
	MaxVariables = 100
	// MaxVariableValues is the most values a request's variables may hold
	// (a list or object counts one plus its members; an import's file in a
	// variable is one string): gqlgen checks and converts each of them
	// before any resolver runs.
	MaxVariableValues = 10_000
	// MaxDirectives is the most directives (@include, @skip, ...) a
	// document may write.
	MaxDirectives = 100
	// MaxValidationVisits bounds the nodes validation visits: fields,
	// fragment spreads, inline fragments, directives, arguments with their
	// values, and variable definitions, with each fragment expanded at every
	// spread, once for each operation and each fragment definition of the
	// document (gqlparser walks every one of them with the fragments it
	// reaches). Fragments that spread the next one twice pass it after a
	// dozen levels.
	MaxValidationVisits = 20_000
	// MaxFieldComparisons bounds the comparisons of the
	// overlapping-fields rule, which checks that every two fields of one
	// response name at one place (fragments expanded) agree: with n copies
	// of a field that is n(n−1)/2 pairs, each weighted by the product of
	// the two fields' argument sizes; every two fragment spreads at one
	// place count too. 10,000 allows a field 141 times at one place;
	// { __typename __typename ... } 9,990 times would need 50 million.
	MaxFieldComparisons = 10_000
)

// CodeRateLimited is the extensions.code of a request refused, with HTTP
// 429 and a Retry-After header, because its client sent too many.
const CodeRateLimited = "RATE_LIMITED"

// ImportMutations are the mutations that carry a whole file in a string
// and may therefore send a larger request body (see IsImportOperation).
var ImportMutations = []string{"importNetwork", "importGrants", "importPlaces", "importKumu", "importBoundaries"}

// IsImportOperation reports whether the operation of query named
// operationName (or its only operation) is a mutation whose root
// selections are all import mutations (ImportMutations), fields only. It is
// what lets an import's request body exceed the ordinary cap; a query that
// does not parse, within MaxTokens, is not one.
func IsImportOperation(query, operationName string) bool {
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: query}, MaxTokens)
	if err != nil {
		return false
	}
	op := doc.Operations.ForName(operationName)
	if op == nil || op.Operation != ast.Mutation || len(op.SelectionSet) == 0 {
		return false
	}
	for _, sel := range op.SelectionSet {
		f, ok := sel.(*ast.Field)
		if !ok || !isImportMutation(f.Name) {
			return false
		}
	}
	return true
}

func isImportMutation(name string) bool {
	for _, m := range ImportMutations {
		if m == name {
			return true
		}
	}
	return false
}

// queryLimits refuses an operation deeper than maxDepth or with more than
// maxAliases aliases, both counted through fragments.
type queryLimits struct {
	maxDepth, maxAliases int
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = queryLimits{}

// ExtensionName implements graphql.HandlerExtension.
func (queryLimits) ExtensionName() string { return "QueryLimits" }

// Validate implements graphql.HandlerExtension.
func (queryLimits) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext implements graphql.OperationContextMutator: it
// runs after validation and before execution.
func (l queryLimits) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Doc == nil || oc.Operation == nil {
		return nil
	}
	s := newShape(oc.Doc.Fragments, l.maxAliases+1)
	if d := s.depth(oc.Operation.SelectionSet); d > l.maxDepth {
		return refuseShape(fmt.Sprintf("query is nested %d levels deep, more than the limit of %d", d, l.maxDepth))
	}
	if n := s.aliases(oc.Operation.SelectionSet); n > l.maxAliases {
		return refuseShape(fmt.Sprintf("query has more than %d aliased fields", l.maxAliases))
	}
	return nil
}

func refuseShape(msg string) *gqlerror.Error {
	err := &gqlerror.Error{Message: msg}
	errcode.Set(err, errcode.ValidationFailed)
	return err
}
