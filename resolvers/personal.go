package resolvers

import (
	"reflect"
	"sync"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/voicemap/voicemap/graph"
)

// personalDirective is the name of the schema directive that marks
// person-level data (audit.graphqls).
const personalDirective = "personal"

// personalRules is what the @personal marks of the schema say, for the
// audit log (auditExtension): the marked object types, fields and input
// types' fields, and the edge and connection types derived from the
// marked types (an edge whose node is of a marked type, a connection
// whose edges are such edges), whose cursors spell a marked object's id.
type personalRules struct {
	schema      *ast.Schema
	types       map[string]bool
	fields      map[string]bool
	edges       map[string]bool
	connections map[string]bool
	// args are the fields ("Type.field") with an argument that is marked
	// or holds a marked input field.
	args map[string]bool
}

// personalSchema returns the rules of the executable schema, read once.
var personalSchema = sync.OnceValue(func() *personalRules {
	return personalRulesOf(graph.NewExecutableSchema(graph.Config{}).Schema())
})

// personalRulesOf reads the @personal marks of s.
func personalRulesOf(s *ast.Schema) *personalRules {
	r := &personalRules{schema: s, types: map[string]bool{}, fields: map[string]bool{},
		edges: map[string]bool{}, connections: map[string]bool{}, args: map[string]bool{}}
	for name, def := range s.Types {
		if def.Kind != ast.Object {
			continue
		}
		if def.Directives.ForName(personalDirective) != nil {
			r.types[name] = true
		}
		for _, f := range def.Fields {
			if f.Directives.ForName(personalDirective) != nil {
				r.fields[name+"."+f.Name] = true
			}
			for _, a := range f.Arguments {
				if r.marked(a.Directives, a.Type, 0) {
					r.args[name+"."+f.Name] = true
				}
			}
		}
	}
	for name, def := range s.Types {
		if node := def.Fields.ForName("node"); def.Kind == ast.Object && def.Fields.ForName("cursor") != nil && node != nil && r.types[node.Type.Name()] {
			r.edges[name] = true
		}
	}
	for name, def := range s.Types {
		if e := def.Fields.ForName("edges"); def.Kind == ast.Object && e != nil && r.edges[e.Type.Name()] {
			r.connections[name] = true
		}
	}
	return r
}

// maxInputDepth bounds the walk into nested input objects.
const maxInputDepth = 8

// argumentIDs returns the ids held by the @personal arguments of the
// field, and by the @personal fields of its input-object arguments, in
// args (the field's arguments as GraphQL names them), and whether there
// is one.
func (r *personalRules) argumentIDs(def *ast.FieldDefinition, args map[string]any) ([]string, bool) {
	if def == nil {
		return nil, false
	}
	var ids []string
	for _, a := range def.Arguments {
		r.valueIDs(a.Directives, a.Type, args[a.Name], &ids, 0)
	}
	return ids, len(ids) > 0
}

// valueIDs appends the ids of a value of type t: the value itself when
// marked (a string, or a list of strings), else the marked fields of an
// input object, recursively.
func (r *personalRules) valueIDs(marks ast.DirectiveList, t *ast.Type, v any, ids *[]string, depth int) {
	if v == nil || depth > maxInputDepth {
		return
	}
	if list, ok := v.([]any); ok {
		elem := t
		if t.Elem != nil {
			elem = t.Elem
		}
		for _, x := range list {
			r.valueIDs(marks, elem, x, ids, depth+1)
		}
		return
	}
	if marks.ForName(personalDirective) != nil {
		if s, ok := v.(string); ok {
			*ids = append(*ids, s)
		}
		return
	}
	def := r.schema.Types[t.Name()]
	obj, ok := v.(map[string]any)
	if def == nil || def.Kind != ast.InputObject || !ok {
		return
	}
	for _, f := range def.Fields {
		r.valueIDs(f.Directives, f.Type, obj[f.Name], ids, depth+1)
	}
}

// marked reports whether a value of type t with the directives marks holds
// a marked id: marked itself, or an input object with a marked field.
func (r *personalRules) marked(marks ast.DirectiveList, t *ast.Type, depth int) bool {
	if marks.ForName(personalDirective) != nil {
		return true
	}
	def := r.schema.Types[t.Name()]
	if def == nil || def.Kind != ast.InputObject || depth > maxInputDepth {
		return false
	}
	for _, f := range def.Fields {
		if r.marked(f.Directives, f.Type, depth+1) {
			return true
		}
	}
	return false
}

// lastEdge returns the last element of the Edges of a connection value
// (nil when there is none): the node its endCursor spells.
func lastEdge(conn any) any {
	v := reflect.ValueOf(conn)
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil
	}
	edges := v.FieldByName("Edges")
	if edges.Kind() != reflect.Slice || edges.Len() == 0 {
		return nil
	}
	return edges.Index(edges.Len() - 1).Interface()
}
