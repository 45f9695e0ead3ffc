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

// Limits on the shape of a query, checked after parsing and validation and
// before any resolver runs. A query over MaxDepth or MaxAliases is refused
// with GRAPHQL_VALIDATION_FAILED (HTTP 422) and a message naming the limit;
// one over MaxTokens fails to parse, with GRAPHQL_PARSE_FAILED and the
// message "exceeded token limit of 10000". MaxComplexity (complexity.go)
// bounds the cost of what is left.
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

// shape measures a selection set with its fragments expanded. Each
// fragment is measured once (memoised), so that fragments spreading other
// fragments several times cannot make the walk exponential; a fragment
// cycle (already refused by validation) counts as nothing.
type shape struct {
	fragments  ast.FragmentDefinitionList
	aliasCap   int
	fragDepth  map[string]int
	fragAlias  map[string]int
	inProgress map[string]bool
}

func newShape(fragments ast.FragmentDefinitionList, aliasCap int) *shape {
	return &shape{
		fragments: fragments, aliasCap: aliasCap,
		fragDepth: map[string]int{}, fragAlias: map[string]int{}, inProgress: map[string]bool{},
	}
}

// depth is the deepest field nesting of set: a field is one level plus
// its selection; fragments add no level of their own.
func (s *shape) depth(set ast.SelectionSet) int {
	d := 0
	for _, sel := range set {
		switch x := sel.(type) {
		case *ast.Field:
			n := 1
			if x.Name != "__schema" && x.Name != "__type" {
				n += s.depth(x.SelectionSet)
			}
			d = max(d, n)
		case *ast.InlineFragment:
			d = max(d, s.depth(x.SelectionSet))
		case *ast.FragmentSpread:
			d = max(d, s.fragment(x.Name, s.fragDepth, s.depth))
		}
	}
	return d
}

// aliases counts the aliased fields of set, saturating at aliasCap.
func (s *shape) aliases(set ast.SelectionSet) int {
	n := 0
	for _, sel := range set {
		switch x := sel.(type) {
		case *ast.Field:
			if x.Alias != "" && x.Alias != x.Name {
				n++
			}
			n += s.aliases(x.SelectionSet)
		case *ast.InlineFragment:
			n += s.aliases(x.SelectionSet)
		case *ast.FragmentSpread:
			n += s.fragment(x.Name, s.fragAlias, s.aliases)
		}
		if n >= s.aliasCap {
			return s.aliasCap
		}
	}
	return n
}

// fragment returns measure of the named fragment's selection, memoised in
// memo.
func (s *shape) fragment(name string, memo map[string]int, measure func(ast.SelectionSet) int) int {
	if v, ok := memo[name]; ok {
		return v
	}
	def := s.fragments.ForName(name)
	if def == nil || s.inProgress[name] {
		return 0
	}
	s.inProgress[name] = true
	v := measure(def.SelectionSet)
	s.inProgress[name] = false
	memo[name] = v
	return v
}
