package resolvers

import (
	"fmt"
	"math"

	"github.com/vektah/gqlparser/v2/ast"
)

// docMeter measures a parsed, not yet validated, document for what its
// validation will cost (measureDocument). It stops as soon as a limit is
// passed, so its own work is bounded by the limits, not by the document.
type docMeter struct {
	limits    budgetLimits
	fragments map[string]*ast.FragmentDefinition
	// visits counts the nodes validation's walk visits: fields, fragment
	// spreads, inline fragments, directives, arguments and their values,
	// and variable definitions, with each fragment expanded once at every
	// place it is spread, for each operation and fragment definition (as
	// gqlparser walks each of them with the fragments it reaches).
	visits int
	// comparisons bounds the pairs of fields the overlapping-fields rule
	// compares: at each place of each operation and fragment definition,
	// with fragments and inline fragments expanded, every two fields of
	// the same response name, each pair weighted by the product of the
	// two fields' argument sizes (comparing their arguments costs that);
	// and every two fragment spreads.
	comparisons int
	// depth is the current nesting while measuring.
	depth   int
	refusal string
}

// maxMeterDepth bounds the nesting measureDocument follows: only fragments
// that spread themselves through fields (refused by validation) or absurd
// nesting go deeper than MaxDepth plus introspection's levels.
const maxMeterDepth = 64

// measureDocument measures doc against limits and sets refusal, a
// client-safe message naming the limit, when one is passed.
func measureDocument(doc *ast.QueryDocument, limits budgetLimits) *docMeter {
	m := &docMeter{limits: limits, fragments: make(map[string]*ast.FragmentDefinition, len(doc.Fragments))}
	for _, f := range doc.Fragments {
		if _, ok := m.fragments[f.Name]; !ok {
			m.fragments[f.Name] = f
		}
	}
	if n := len(doc.Operations); n > limits.operations {
		m.refusal = fmt.Sprintf("document holds %d operations, more than the limit of %d", n, limits.operations)
		return m
	}
	if n := documentDirectives(doc, limits.directives); n > limits.directives {
		m.refusal = fmt.Sprintf("query has more than %d directives", limits.directives)
		return m
	}
	for _, op := range doc.Operations {
		if n := len(op.VariableDefinitions); n > limits.variables {
			m.refusal = fmt.Sprintf("operation defines %d variables, more than the limit of %d", n, limits.variables)
			return m
		}
		for _, v := range op.VariableDefinitions {
			m.visit(1 + valueNodes(v.DefaultValue) + directiveNodes(v.Directives))
		}
		m.visit(1 + directiveNodes(op.Directives))
		m.level([]ast.SelectionSet{op.SelectionSet})
		if m.refusal != "" {
			return m
		}
	}
	for _, f := range doc.Fragments {
		m.visit(1 + directiveNodes(f.Directives))
		m.level([]ast.SelectionSet{f.SelectionSet})
		if m.refusal != "" {
			return m
		}
	}
	return m
}

// visit adds n to the visits and refuses beyond the limit.
func (m *docMeter) visit(n int) {
	m.visits = addSat(m.visits, n)
	if m.visits > m.limits.visits && m.refusal == "" {
		m.refusal = fmt.Sprintf("query is too large to validate: with its fragments expanded it has more than %d fields, arguments and directives", m.limits.visits)
	}
}

// compare adds n comparisons and refuses beyond the limit; what names
// the things compared, for the message.
func (m *docMeter) compare(n int, what string) {
	m.comparisons = addSat(m.comparisons, n)
	if m.comparisons > m.limits.comparisons && m.refusal == "" {
		m.refusal = fmt.Sprintf("query %s: validating it would make more than %d comparisons", what, m.limits.comparisons)
	}
}

// group is the fields of one response name at one place: the sum and the
// sum of squares of their comparison weights, and their selections, which
// make up the place below.
type group struct {
	name     string
	sum, sq  int
	children []ast.SelectionSet
}

// level measures one place of the response: the fields of sets, with
// inline fragments and fragment spreads expanded, grouped by response
// name; then the place below each group.
func (m *docMeter) level(sets []ast.SelectionSet) {
	if m.depth >= maxMeterDepth {
		m.refusal = fmt.Sprintf("query is nested more than %d levels deep with its fragments expanded", maxMeterDepth)
		return
	}
	groups := map[string]*group{}
	var order []*group
	// Each fragment is expanded once per place: gqlparser compares a set
	// of fields with a fragment, and two fragments, once (it memoises
	// both), and walks a fragment once per operation or fragment
	// definition. This also ends fragment cycles.
	expanded := map[string]bool{}
	var collectSet func(set ast.SelectionSet) int
	// collectInto adds the fields of set and of its inline fragments to
	// the groups, expanding fragment spreads, and adds each spread's weight
	// (1 plus the spreads its fragment holds, when expanded here) to
	// spreads. It returns the number of spreads found, expanded fragments'
	// included.
	collectInto := func(set ast.SelectionSet, spreads *[2]int) int {
		return 0
	}
	collectInto = func(set ast.SelectionSet, spreads *[2]int) int {
		found := 0
		for _, sel := range set {
			if m.refusal != "" {
				return found
			}
			switch x := sel.(type) {
			case *ast.Field:
				m.visit(1 + argumentNodes(x.Arguments) + directiveNodes(x.Directives))
				name := x.Alias
				if name == "" {
					name = x.Name
				}
				g := groups[name]
				if g == nil {
					g = &group{name: name}
					groups[name] = g
					order = append(order, g)
				}
				w := comparisonWeight(x)
				g.sum = addSat(g.sum, w)
				g.sq = addSat(g.sq, mulSat(w, w))
				if len(x.SelectionSet) > 0 {
					g.children = append(g.children, x.SelectionSet)
				}
			case *ast.InlineFragment:
				m.visit(1 + directiveNodes(x.Directives))
				found = addSat(found, collectInto(x.SelectionSet, spreads))
			case *ast.FragmentSpread:
				m.visit(1 + directiveNodes(x.Directives))
				c := 1
				if def := m.fragments[x.Name]; def != nil && !expanded[x.Name] {
					expanded[x.Name] = true
					c = addSat(c, collectSet(def.SelectionSet))
				}
				spreads[0] = addSat(spreads[0], c)
				spreads[1] = addSat(spreads[1], mulSat(c, c))
				found = addSat(found, c)
			}
		}
		return found
	}
	// collectSet collects one selection set as gqlparser's rule does (its
	// own fields and spreads with its inline fragments'), and counts the
	// comparisons between its spreads: every two of them, and each
	// fragment the one reaches with each the other reaches.
	collectSet = func(set ast.SelectionSet) int {
		var spreads [2]int
		found := collectInto(set, &spreads)
		m.compare(pairs(spreads[0], spreads[1]), "spreads too many fragments at one place")
		return found
	}
	for _, s := range sets {
		collectSet(s)
	}
	for _, g := range order {
		m.compare(pairs(g.sum, g.sq), fmt.Sprintf("selects %q too many times at one place (fragments expanded)", g.name))
	}
	m.depth++
	for _, g := range order {
		if m.refusal != "" {
			break
		}
		if len(g.children) > 0 {
			m.level(g.children)
		}
	}
	m.depth--
}

// pairs is Σ_{i<j} w_i·w_j for weights whose sum is sum and sum of squares
// sq: (sum² − sq) / 2, saturating. With all weights 1 it is C(n, 2).
func pairs(sum, sq int) int {
	sum2 := mulSat(sum, sum)
	if sum2 == math.MaxInt {
		return math.MaxInt
	}
	return (sum2 - sq) / 2
}

// comparisonWeight is what comparing f's arguments with another field's
// costs, as a factor: gqlparser matches every argument of one against
// every argument of the other by name and compares their values node by
// node (a long string byte by byte, counted per KiB).
func comparisonWeight(f *ast.Field) int {
	w := 1
	for _, a := range f.Arguments {
		w = addSat(w, valueNodes(a.Value))
		w = addSat(w, valueBytes(a.Value)>>10)
	}
	return w
}

// argumentNodes counts arguments and their value nodes.
func argumentNodes(args ast.ArgumentList) int {
	n := 0
	for _, a := range args {
		n = addSat(n, 1+valueNodes(a.Value))
	}
	return n
}

// directiveNodes counts directives, their arguments and their value nodes.
func directiveNodes(dirs ast.DirectiveList) int {
	n := 0
	for _, d := range dirs {
		n = addSat(n, 1+argumentNodes(d.Arguments))
	}
	return n
}

// valueNodes counts the nodes of a value: 1 for a scalar or variable, 1
// plus the children's for a list or object, 0 for none.
func valueNodes(v *ast.Value) int {
	if v == nil {
		return 0
	}
	n := 1
	for _, c := range v.Children {
		n = addSat(n, valueNodes(c.Value))
	}
	return n
}

// valueBytes is the length of a value's raw text, children included.
func valueBytes(v *ast.Value) int {
	if v == nil {
		return 0
	}
	n := len(v.Raw)
	for _, c := range v.Children {
		n = addSat(n, len(c.Name)+valueBytes(c.Value))
	}
	return n
}

// documentDirectives counts the directives written in doc, stopping once
// the count passes limit.
func documentDirectives(doc *ast.QueryDocument, limit int) int {
	n := 0
	var set func(ast.SelectionSet)
	set = func(s ast.SelectionSet) {
		for _, sel := range s {
			if n > limit {
				return
			}
			switch x := sel.(type) {
			case *ast.Field:
				n += len(x.Directives)
				set(x.SelectionSet)
			case *ast.InlineFragment:
				n += len(x.Directives)
				set(x.SelectionSet)
			case *ast.FragmentSpread:
				n += len(x.Directives)
			}
		}
	}
	for _, op := range doc.Operations {
		n += len(op.Directives)
		for _, v := range op.VariableDefinitions {
			n += len(v.Directives)
		}
		set(op.SelectionSet)
	}
	for _, f := range doc.Fragments {
		n += len(f.Directives)
		set(f.SelectionSet)
	}
	return n
}
