package resolvers

import "github.com/vektah/gqlparser/v2/ast"

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
