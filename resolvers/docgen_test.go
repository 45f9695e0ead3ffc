package resolvers

import (
	"fmt"
	"math/rand"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// adversarial is a family of hostile documents of size n (fields, levels,
// spreads, ... as its doc says), each small enough to send but built to
// make parsing, validation or cost calculation do as much work as n allows.
type adversarial struct {
	name string
	doc  func(n int) string
}

func repeat(n int, f func(i int) string) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(f(i))
	}
	return b.String()
}

// fragmentFan is the document: fragments that each spread the next
// one twice, levels deep, under a list of places.
func fragmentFan(levels int) string {
	var b strings.Builder
	b.WriteString("{ places { edges { node { ...F0 } } } }\n")
	for i := range levels {
		fmt.Fprintf(&b, "fragment F%d on Place { ...F%d ...F%d }\n", i, i+1, i+1)
	}
	fmt.Fprintf(&b, "fragment F%d on Place { id name }\n", levels)
	return b.String()
}

// typenames is { __typename __typename ... } with n copies.
func typenames(n int) string { return "{" + strings.Repeat(" __typename", n) + " }" }

// adversarialFamilies are the hostile shapes the budget must bound: each
// is answered or refused, within the limits, at every size.
var adversarialFamilies = []adversarial{
	{"repeated __typename", typenames},
	{"repeated field with selection", func(n int) string { return "{" + strings.Repeat(" places { totalCount }", n) + " }" }},
	{"repeated field, differing arguments", func(n int) string {
		return "{" + repeat(n, func(i int) string { return fmt.Sprintf(" place(id: \"%d\") { id }", i%2) }) + " }"
	}},
	{"repeated nested field", func(n int) string { return "{" + strings.Repeat(` place(id: "a") { parent { id } }`, n) + " }" }},
	{"one alias, many fields", func(n int) string {
		return "{" + repeat(n, func(i int) string { return fmt.Sprintf(" p: place(id: \"%d\") { id }", i) }) + " }"
	}},
	{"many aliases", func(n int) string {
		return "{" + repeat(n, func(i int) string { return fmt.Sprintf(" a%d: __typename", i) }) + " }"
	}},
	{"fragment fan", fragmentFan},
	{"fragment fan with fields", func(n int) string {
		return "{ ...F0 }" + repeat(n, func(i int) string {
			return fmt.Sprintf(" fragment F%d on Query { places { totalCount } ...F%d ...F%d }", i, i+1, i+1)
		}) + fmt.Sprintf(" fragment F%d on Query { __typename }", n)
	}},
	{"fragment fan through fields", func(n int) string {
		return `{ place(id: "a") { ...F0 } }` + repeat(n, func(i int) string {
			return fmt.Sprintf(" fragment F%d on Place { parent { ...F%d } children { edges { node { ...F%d } } } }", i, i+1, i+1)
		}) + fmt.Sprintf(" fragment F%d on Place { id }", n)
	}},
	{"fragment chain", func(n int) string {
		return "{ ...F0 }" + repeat(n, func(i int) string { return fmt.Sprintf(" fragment F%d on Query { __typename ...F%d }", i, i+1) }) +
			fmt.Sprintf(" fragment F%d on Query { __typename }", n)
	}},
	{"fragment cycle", func(n int) string {
		n = max(n, 2)
		return "{ ...F0 }" + repeat(n, func(i int) string {
			return fmt.Sprintf(" fragment F%d on Query { __typename ...F%d ...F%d }", i, (i+1)%n, (i+2)%n)
		})
	}},
	{"fragment cycle through a field", func(n int) string {
		return `{ place(id: "a") { ...F } } fragment F on Place { id` + strings.Repeat(" parent { ...F }", max(n, 1)) + " }"
	}},
	{"many spreads of one fragment", func(n int) string {
		return "{" + strings.Repeat(" ...F", n) + " } fragment F on Query { __typename }"
	}},
	{"many fragments spread once", func(n int) string {
		return "{" + repeat(n, func(i int) string { return fmt.Sprintf(" ...F%d", i) }) + " }" +
			repeat(n, func(i int) string { return fmt.Sprintf(" fragment F%d on Query { __typename }", i) })
	}},
	{"many unknown fragments", func(n int) string {
		return "{" + repeat(n, func(i int) string { return fmt.Sprintf(" ...F%d", i) }) + " }"
	}},
	{"many inline fragments", func(n int) string { return "{" + strings.Repeat(" ... on Query { __typename }", n) + " }" }},
	{"many operations sharing a fragment", func(n int) string {
		return repeat(n, func(i int) string { return fmt.Sprintf(" query Q%d { ...F }", i) }) +
			" fragment F on Query {" + repeat(n, func(i int) string { return fmt.Sprintf(" a%d: __typename", i%30) }) + " }"
	}},
	{"many anonymous operations", func(n int) string { return strings.Repeat(" { __typename }", n) }},
	{"many variables, all used", func(n int) string {
		return "query(" + repeat(n, func(i int) string { return fmt.Sprintf(" $v%d: ID", i) }) + ") {" +
			repeat(n, func(i int) string { return fmt.Sprintf(" place(id: $v%d) { id }", i) }) + " }"
	}},
	{"many variables, one used", func(n int) string {
		return "query(" + repeat(n, func(i int) string { return fmt.Sprintf(" $v%d: ID", i) }) + ") { place(id: $v0) { id } }"
	}},
	{"one variable defined many times", func(n int) string { return "query(" + strings.Repeat(" $v: ID", n) + ") { place(id: $v) { id } }" }},
	{"directives", func(n int) string { return "{ __typename" + strings.Repeat(" @skip(if: false)", n) + " }" }},
	{"directives with a variable", func(n int) string {
		return "query($b: Boolean!) { __typename" + strings.Repeat(" @include(if: $b)", n) + " }"
	}},
	{"unknown directives", func(n int) string { return "{ __typename" + strings.Repeat(" @x", n) + " }" }},
	{"repeated argument", func(n int) string { return "{ place(" + strings.Repeat(` id: "a"`, n) + ") { id } }" }},
	{"unknown arguments", func(n int) string {
		return "{ place(" + repeat(n, func(i int) string { return fmt.Sprintf(" a%d: 1", i) }) + ") { id } }"
	}},
	{"repeated fields with many arguments", func(n int) string {
		args := repeat(n, func(i int) string { return fmt.Sprintf(" a%d: 1", i) })
		return "{" + strings.Repeat(" place("+args+") { id }", 4) + " }"
	}},
	{"long list value", func(n int) string {
		return `mutation { upsertPerson(input: {id: "a", name: "A", placeId: "p", groups: [` + strings.Repeat(` "g"`, n) + "]}) { id } }"
	}},
	{"long object value", func(n int) string {
		return `mutation { upsertPerson(input: {id: "a", name: "A", placeId: "p"` + repeat(n, func(i int) string { return fmt.Sprintf(" x%d: 1", i) }) + "}) { id } }"
	}},
	{"nested list value", func(n int) string {
		return "{ place(id: " + strings.Repeat("[", n) + strings.Repeat("]", n) + ") { id } }"
	}},
	{"nested object value", func(n int) string {
		return "{ place(id: " + strings.Repeat("{a:", n) + "1" + strings.Repeat("}", n) + ") { id } }"
	}},
	{"nested list type", func(n int) string {
		return "query($v: " + strings.Repeat("[", n) + "Int" + strings.Repeat("]", n) + ") { __typename }"
	}},
	{"nested selections", func(n int) string {
		return "{" + strings.Repeat(" parent {", n) + " id" + strings.Repeat(" }", n) + " }"
	}},
	{"nested inline fragments", func(n int) string {
		return "{" + strings.Repeat(" ... {", n) + " __typename" + strings.Repeat(" }", n) + " }"
	}},
	{"long strings in repeated fields", func(n int) string {
		s := strings.Repeat("x", 8<<10)
		return "{" + strings.Repeat(` place(id: "`+s+`") { id }`, n) + " }"
	}},
}

// queryGen writes random queries over a schema: fields with their required
// arguments, aliases, list sizes, inline fragments on an interface's
// implementations, named fragments (some spread again elsewhere, which makes
// fans), directives and __typename. Its documents are mostly valid; some
// are deep, large or costly enough to be refused.
type queryGen struct {
	rnd    *rand.Rand
	schema *ast.Schema
	frags  []string
	fragOn map[string][]string
	fields int
}

func newQueryGen(seed int64, schema *ast.Schema) *queryGen {
	return &queryGen{rnd: rand.New(rand.NewSource(seed)), schema: schema, fragOn: map[string][]string{}}
}

// query returns a random query document with at most about maxFields
// fields written.
func (g *queryGen) query(maxFields int) string {
	g.frags, g.fields = nil, maxFields
	clear(g.fragOn)
	body := g.selection(g.schema.Query, 0)
	return "query " + body + "\n" + strings.Join(g.frags, "\n")
}

func (g *queryGen) selection(def *ast.Definition, depth int) string {
	var parts []string
	n := 1 + g.rnd.Intn(4)
	for range n {
		if g.fields <= 0 {
			break
		}
		switch r := g.rnd.Intn(20); {
		case r == 0:
			parts = append(parts, "__typename")
		case r == 1 && depth < 8:
			parts = append(parts, "..."+g.fragment(def, depth))
		case r == 2 && def.Kind == ast.Interface && depth < 8:
			impl := g.schema.GetPossibleTypes(def)
			t := impl[g.rnd.Intn(len(impl))]
			parts = append(parts, "... on "+t.Name+" "+g.selection(t, depth))
		default:
			if f := g.field(def, depth); f != "" {
				parts = append(parts, f)
			}
		}
	}
	if len(parts) == 0 {
		parts = append(parts, "__typename")
	}
	return "{ " + strings.Join(parts, " ") + " }"
}

// fragment returns the name of a fragment on def: mostly a new one, or one
// already written (spread once more).
func (g *queryGen) fragment(def *ast.Definition, depth int) string {
	if old := g.fragOn[def.Name]; len(old) > 0 && g.rnd.Intn(2) == 0 {
		return old[g.rnd.Intn(len(old))]
	}
	name := fmt.Sprintf("F%d", len(g.frags))
	g.frags = append(g.frags, "") // reserve the name
	i := len(g.frags) - 1
	g.fragOn[def.Name] = append(g.fragOn[def.Name], name)
	g.frags[i] = "fragment " + name + " on " + def.Name + " " + g.selection(def, depth+1)
	return name
}

func (g *queryGen) field(def *ast.Definition, depth int) string {
	var candidates []*ast.FieldDefinition
	for _, f := range def.Fields {
		if !strings.HasPrefix(f.Name, "__") {
			candidates = append(candidates, f)
		}
	}
	if len(candidates) == 0 {
		return ""
	}
	f := candidates[g.rnd.Intn(len(candidates))]
	t := g.schema.Types[f.Type.Name()]
	if t.Kind != ast.Scalar && t.Kind != ast.Enum && depth >= 7 {
		return ""
	}
	g.fields--
	var b strings.Builder
	if g.rnd.Intn(10) == 0 {
		fmt.Fprintf(&b, "a%d: ", g.rnd.Intn(40))
	}
	b.WriteString(f.Name)
	var args []string
	for _, a := range f.Arguments {
		switch {
		case a.Name == "first" && g.rnd.Intn(2) == 0:
			args = append(args, fmt.Sprintf("first: %d", 1+g.rnd.Intn(600)))
		case a.Type.NonNull && a.DefaultValue == nil:
			args = append(args, a.Name+": "+g.value(a.Type))
		}
	}
	if len(args) > 0 {
		b.WriteString("(" + strings.Join(args, ", ") + ")")
	}
	if g.rnd.Intn(15) == 0 {
		b.WriteString(" @include(if: true)")
	}
	if t.Kind == ast.Object || t.Kind == ast.Interface || t.Kind == ast.Union {
		b.WriteString(" " + g.selection(t, depth+1))
	}
	return b.String()
}

func (g *queryGen) value(t *ast.Type) string {
	if t.Elem != nil {
		return "[" + g.value(t.Elem) + "]"
	}
	def := g.schema.Types[t.NamedType]
	switch {
	case def.Kind == ast.Enum:
		return def.EnumValues[g.rnd.Intn(len(def.EnumValues))].Name
	case def.Kind == ast.InputObject:
		var fields []string
		for _, f := range def.Fields {
			if f.Type.NonNull && f.DefaultValue == nil {
				fields = append(fields, f.Name+": "+g.value(f.Type))
			}
		}
		return "{" + strings.Join(fields, ", ") + "}"
	}
	switch t.NamedType {
	case "Int":
		return fmt.Sprint(g.rnd.Intn(100))
	case "Float":
		return "1.5"
	case "Boolean":
		return "true"
	case "Date":
		return `"2024-01-01"`
	}
	return fmt.Sprintf(`"x%d"`, g.rnd.Intn(5))
}
