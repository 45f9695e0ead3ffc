package resolvers

import (
	"context"
	"fmt"
	"math"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// costLimit refuses, after validation and before any resolver runs, an
// operation whose cost is above max. The cost is the one gqlgen's
// complexity package computes (each field 1 plus its selection, or what
// the schema's complexity function says, complexity.go; an interface field
// the dearest of its implementations; __schema free), but computed with
// each fragment measured once: gqlgen walks a fragment again at every
// spread, so fragments that each spread the next twice cost it time
// exponential in their number.
type costLimit struct {
	es  graphql.ExecutableSchema
	max int
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = costLimit{}

// ExtensionName implements graphql.HandlerExtension.
func (costLimit) ExtensionName() string { return "CostLimit" }

// Validate implements graphql.HandlerExtension.
func (costLimit) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext implements graphql.OperationContextMutator.
func (l costLimit) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Doc == nil || oc.Operation == nil {
		return nil
	}
	c := newCostWalker(ctx, l.es, oc.Doc.Fragments, oc.Variables)
	if cost := c.selectionSet(oc.Operation.SelectionSet); cost > l.max {
		return refuseShape(fmt.Sprintf("operation has complexity %s, which exceeds the limit of %d", costString(cost), l.max))
	}
	return nil
}

// costString writes a saturated cost as "more than" the largest int.
func costString(cost int) string {
	if cost == math.MaxInt {
		return fmt.Sprintf("more than %d", math.MaxInt)
	}
	return fmt.Sprint(cost)
}

// costWalker computes an operation's cost with each fragment's cost
// memoised by name. A fragment's fields all have the fragment's type
// condition as their parent (validation sets it so), and their arguments
// read the request's variables, which are fixed: so its cost is the same at
// every spread, and one entry per name is exact. A fragment on a cycle
// (which validation refuses) counts as nothing.
type costWalker struct {
	ctx        context.Context
	es         graphql.ExecutableSchema
	schema     *ast.Schema
	vars       map[string]any
	fragments  ast.FragmentDefinitionList
	memo       map[string]int
	inProgress map[string]bool
	// visits counts the selections walked; with the memo it is at most
	// the number of selections written in the document.
	visits int
}

func newCostWalker(ctx context.Context, es graphql.ExecutableSchema, fragments ast.FragmentDefinitionList, vars map[string]any) *costWalker {
	return &costWalker{
		ctx: ctx, es: es, schema: es.Schema(), vars: vars, fragments: fragments,
		memo: map[string]int{}, inProgress: map[string]bool{},
	}
}

// selectionSet is the cost of set: the saturating sum of its fields',
// fragments' and inline fragments' costs.
func (c *costWalker) selectionSet(set ast.SelectionSet) int {
	cost := 0
	for _, sel := range set {
		c.visits++
		switch s := sel.(type) {
		case *ast.Field:
			cost = addSat(cost, c.field(s))
		case *ast.InlineFragment:
			cost = addSat(cost, c.selectionSet(s.SelectionSet))
		case *ast.FragmentSpread:
			cost = addSat(cost, c.fragment(s.Name))
		}
	}
	return cost
}

func (c *costWalker) fragment(name string) int {
	if v, ok := c.memo[name]; ok {
		return v
	}
	def := c.fragments.ForName(name)
	if def == nil || c.inProgress[name] {
		return 0
	}
	c.inProgress[name] = true
	v := c.selectionSet(def.SelectionSet)
	c.inProgress[name] = false
	c.memo[name] = v
	return v
}

// field is one field's cost, as gqlgen's complexity.Calculate computes it.
func (c *costWalker) field(f *ast.Field) int {
	if f.Definition == nil || f.ObjectDefinition == nil {
		return 0 // not validated; validation refuses it
	}
	typ := c.schema.Types[f.Definition.Type.Name()]
	if typ == nil || typ.Name == "__Schema" {
		return 0
	}
	child := 0
	switch typ.Kind {
	case ast.Object, ast.Interface, ast.Union:
		child = c.selectionSet(f.SelectionSet)
	}
	args := f.ArgumentMap(c.vars)
	if f.ObjectDefinition.Kind != ast.Interface {
		return c.fieldOf(f.ObjectDefinition, f.Name, child, args)
	}
	// An interface's field costs what its dearest implementation's does.
	worst := 0
	for _, t := range c.schema.GetPossibleTypes(f.ObjectDefinition) {
		worst = max(worst, c.fieldOf(t, f.Name, child, args))
	}
	return worst
}

// fieldOf is the cost of field of def: the schema's complexity function
// when it has one that answers at least 1, else 1 plus the child's cost.
func (c *costWalker) fieldOf(def *ast.Definition, field string, child int, args map[string]any) int {
	if v, ok := c.es.Complexity(c.ctx, def.Name, field, child, args); ok && v >= 1 {
		return v
	}
	return addSat(1, child)
}

// addSat adds two costs, ignoring a negative one and saturating at
// math.MaxInt, as gqlgen's complexity package does.
func addSat(a, b int) int {
	switch {
	case a < 0 && b < 0:
		return 1
	case a < 0:
		return b
	case b < 0:
		return a
	case a > math.MaxInt-b:
		return math.MaxInt
	}
	return a + b
}

// mulSat multiplies two non-negative costs, saturating at math.MaxInt.
func mulSat(a, b int) int {
	if a <= 0 || b <= 0 {
		return 0
	}
	if a > math.MaxInt/b {
		return math.MaxInt
	}
	return a * b
}
