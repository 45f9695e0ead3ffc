package resolvers_test

import (
	"encoding/json"
	"sort"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// matrixOp is one operation of the authorization matrix: a root field with
// the arguments built from one side's ids.
type matrixOp struct {
	// variant names the operation when a field has several.
	variant string
	// args returns the field's arguments for the ids, without parentheses.
	args func(id matrixIDs) string
	// idempotent: the mutation succeeds without writing on the fixture
	// (consent given again).
	idempotent bool
}

// personLevelKeys are the fixture's ids of person-level entities.
var personLevelKeys = []string{"person", "person2", "rel", "rel2", "part", "part2"}

// namesPersonLevel reports whether the operation's arguments name a
// person-level entity: a role that may not read person-level data must
// then get exactly the answer of a missing id, so that it cannot probe
// which ids are people.
func (op matrixOp) namesPersonLevel() bool {
	id := matrixSide("a")
	args := op.args(id)
	for _, k := range personLevelKeys {
		if containsID(args, id[k]) {
			return true
		}
	}
	return false
}

// matrixArgs is the argument table: every root field of the schema must
// have an entry (TestAuthzMatrix fails otherwise), so a new query or
// mutation cannot be left out of the matrix.
var matrixArgs = map[string][]matrixOp{
	// Queries.
	"node": {
		{variant: "place", args: arg("id", "place")},
		{variant: "person", args: arg("id", "person")},
		{variant: "organisation", args: arg("id", "org")},
		{variant: "funder", args: arg("id", "funder")},
		{variant: "forum", args: arg("id", "forum")},
		{variant: "relationship", args: arg("id", "rel")},
		{variant: "participation", args: arg("id", "part2")},
		{variant: "grant", args: arg("id", "grant")},
	},
	"person":                  {{args: arg("id", "person")}},
	"organisation":            {{args: arg("id", "org")}},
	"people":                  {{args: arg("placeId", "place")}, {variant: "group", args: tmpl(`placeId: "{place}", group: "{x}-kin"`)}},
	"organisations":           {{args: arg("placeId", "place")}},
	"centrality":              {{args: tmpl(`placeId: "{place}", measure: DEGREE`)}, {variant: "betweenness", args: tmpl(`placeId: "{place}", measure: BETWEENNESS, weighted: true`)}},
	"communities":             {{args: arg("placeId", "place")}},
	"networkSummary":          {{args: arg("placeId", "place")}},
	"networkLayout":           {{args: arg("placeId", "place")}, {variant: "collapsed", args: tmpl(`placeId: "{place}", maxNodes: 3, expand: ["c2"]`)}},
	"exportNetwork":           {{variant: "graphml", args: tmpl(`placeId: "{place}", format: GRAPHML`)}, {variant: "gexf", args: tmpl(`placeId: "{place}", format: GEXF`)}, {variant: "csv", args: tmpl(`placeId: "{place}", format: CSV`)}},
	"exportNetworkCSV":        {{args: arg("placeId", "place")}},
	"forum":                   {{args: arg("id", "forum")}},
	"forums":                  {{args: arg("placeId", "place")}},
	"grant":                   {{args: arg("id", "grant")}},
	"grants":                  {{args: arg("placeId", "place")}, {variant: "funder", args: arg("funderId", "funder")}},
	"grantTotals":             {{args: tmpl(`groupBy: PLACE, placeId: "{place}"`)}, {variant: "recipient", args: tmpl(`groupBy: RECIPIENT, funderId: "{funder}"`)}},
	"unmatchedLocations":      {{args: arg("placeId", "place")}, {variant: "funder", args: arg("funderId", "funder")}},
	"headquartersBasis":       {{args: arg("funderId", "funder")}},
	"underservedPlaces":       {{args: tmpl(`funderId: "{funder}", withinPlaceId: "{place}"`)}, {variant: "within", args: arg("withinPlaceId", "place")}},
	"underservedReport":       {{args: tmpl(`funderId: "{funder}", withinPlaceId: "{place}"`)}},
	"fundingConcentration":    {{args: arg("placeId", "place")}},
	"fundingReach":            {{args: tmpl(`funderId: "{funder}", placeId: "{place}"`)}},
	"place":                   {{args: arg("id", "place")}},
	"places":                  {{args: arg("parentId", "place")}},
	"powerConcentration":      {{args: arg("placeId", "place")}},
	"representation":          {{args: arg("placeId", "place")}},
	"nothingAboutUsWithoutUs": {{args: arg("placeId", "place")}},
	"relationshipQuality":     {{args: arg("placeId", "place")}},
	"powerTrend":              {{args: tmpl(`placeId: "{place}", from: "2023-01-01", to: "2025-01-01", step: YEAR`)}},
	"erasures":                {{args: tmpl(`first: 10`)}},
	"auditLog":                {{args: tmpl(`first: 10`)}},
	"recommendations":         {{args: arg("placeId", "place")}},
	"relationships":           {{args: arg("actorId", "person")}, {variant: "organisation", args: arg("actorId", "org")}},
	"unheardVoices":           {{args: arg("placeId", "place")}},
	"unheardVoiceGroups":      {{args: arg("placeId", "place")}},
	"pathToPower":             {{args: arg("personId", "person")}},
	"viewer":                  {{args: func(matrixIDs) string { return "" }}},
	"survey":                  {{args: arg("id", "survey")}},
	"surveys":                 {{args: arg("placeId", "place")}},
	"surveyCoverage":          {{args: arg("surveyId", "survey")}},
	"surveyInfluence":         {{args: arg("surveyId", "survey")}},
	"surveyFeltVoice":         {{args: arg("surveyId", "survey")}},
	// The holder of a survey link (the respondent of A's survey) answers
	// only about their own invitation: the same arguments for both sides.
	"questionnaire": {{args: none}},
	"nameSearch":    {{args: tmpl(`text: "Person"`)}},
	"myData":        {{args: none}},

	// Mutations.
	"upsertPerson": {
		{variant: "existing", args: tmpl(`input: {id: "{person}", name: "Edited Person", placeId: "{place}", groups: ["edited"]}`)},
		{variant: "new", args: tmpl(`input: {id: "{x}-person-new", name: "New Person", placeId: "{place}"}`)},
	},
	"upsertOrganisation":  {{args: tmpl(`input: {id: "{org}", name: "Edited Org", kind: VOLUNTARY, placeId: "{place}"}`)}},
	"deleteActor":         {{args: arg("id", "person2")}},
	"upsertForum":         {{args: tmpl(`input: {id: "{forum}", name: "Edited Forum", placeId: "{place}", decisionMaking: true}`)}},
	"recordParticipation": {{args: tmpl(`input: {id: "{part2}", actorId: "{person}", forumId: "{forum}", level: LEAD, joinedAtStage: IDEA}`)}},
	"upsertPlace": {
		{variant: "child", args: tmpl(`input: {id: "{x}-kid", name: "Kid Ward", parentId: "{place}"}`)},
		{variant: "own", args: tmpl(`input: {id: "{place}", name: "Edited Ward", parentId: "town", population: 1200}`)},
	},
	"connect": {
		{variant: "existing", args: tmpl(`input: {id: "{rel}", fromId: "{person}", toId: "{org}", kind: WORKS_WITH}`)},
		{variant: "new", args: tmpl(`input: {id: "{x}-rel-new", fromId: "{person2}", toId: "{person}", kind: ADVISES}`)},
	},
	"disconnect":   {{args: arg("id", "rel")}},
	"upsertSurvey": {{args: tmpl(`input: {id: "{survey}", name: "Edited Survey", placeId: "{place}", forumIds: ["{forum}"], groups: ["edited"]}`)}},
	"invite":       {{args: tmpl(`surveyId: "{survey}", personId: "{person}"`)}},
	"resolveDispute": {
		{variant: "kept", args: tmpl(`surveyId: "{survey}", id: "{dispute}", remove: false`)},
		{variant: "removed", args: tmpl(`surveyId: "{survey}", id: "{dispute}", remove: true`)},
	},
	"answerConsent":   {{args: tmpl(`give: true`), idempotent: true}},
	"saveDraft":       {{args: tmpl(`answers: {felt: 3, groups: ["alpha-kin"]}`)}},
	"submitResponse":  {{args: tmpl(`answers: {felt: 2, names: [{questionId: "advice", personId: "a-person-2"}, {questionId: "advice", label: "Someone New"}]}`)}},
	"correctMyData":   {{args: tmpl(`input: {entityId: "a-person-1", field: "roles", value: "helper"}`)}},
	"disputeTie":      {{args: tmpl(`relationshipId: "a-rel", reason: "not so"`)}},
	"withdrawConsent": {{args: none}},
	"forgetPerson":    {{args: arg("id", "person2")}},
	"importGrants": {{args: func(id matrixIDs) string {
		csv := "Identifier,Title,Description,Currency,Amount Awarded,Award Date,Recipient Org:Identifier,Recipient Org:Name,Funding Org:Identifier,Funding Org:Name,Beneficiary Location:Name,Beneficiary Location:Geographic Code\n" +
			id["x"] + "-grant-new,New grant,Tools,GBP,1000,2024-06-01," + id["org"] + ",Edited Org," + id["funder"] + ",Edited Fund,Ward," + id["code"] + "\n"
		return `format: CSV, data: ` + gqlString(csv) + `, placeId: "` + id["place"] + `"`
	}}},
	"importPlaces": {{args: func(id matrixIDs) string {
		return `data: ` + gqlString("code,name,parent code,population\n"+strings.ToUpper(id["x"])+"9999,Imported Kid,"+id["code"]+",10\n")
	}}},
	"loadUKGeography": {{args: tmpl(`areas: ["W06000001"], boundaries: false`)}},
	"importBoundaries": {{args: func(id matrixIDs) string {
		return `data: ` + gqlString(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"`+id["code"]+
			`"},"geometry":{"type":"Polygon","coordinates":[[[0,51],[0.1,51],[0.1,51.1],[0,51]]]}}]}`)
	}}},
	"importKumu": {{args: func(id matrixIDs) string {
		return `elements: ` + gqlString("Label,Type\nKumu Newbie,Person\n") + `, placeId: "` + id["place"] + `"`
	}}},
	"importNetwork": {{args: func(id matrixIDs) string {
		gml := `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="n" for="node" attr.name="name" attr.type="string"/>
  <key id="k" for="node" attr.name="kind" attr.type="string"/>
  <graph edgedefault="undirected">
    <node id="` + id["x"] + `-gml"><data key="n">Graph Newbie</data><data key="k">person</data></node>
    <node id="` + id["person"] + `"><data key="n">Edited By File</data><data key="k">person</data></node>
    <edge source="` + id["x"] + `-gml" target="` + id["person"] + `"/>
  </graph>
</graphml>`
		return `format: GRAPHML, data: ` + gqlString(gml) + `, placeId: "` + id["place"] + `"`
	}}},
}

// none is the arguments of a field that takes none.
func none(matrixIDs) string { return "" }

// arg returns the arguments name: "<the id of key>".
func arg(name, key string) func(matrixIDs) string {
	return func(id matrixIDs) string { return name + `: "` + id[key] + `"` }
}

// tmpl returns the arguments of the template, each {key} replaced by its
// id.
func tmpl(t string) func(matrixIDs) string {
	return func(id matrixIDs) string {
		var pairs []string
		for k, v := range id {
			pairs = append(pairs, "{"+k+"}", v)
		}
		return strings.NewReplacer(pairs...).Replace(t)
	}
}

// gqlString returns s as a GraphQL string literal (JSON's escapes are
// GraphQL's).
func gqlString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// selNode is a field of a generated selection set, or an inline fragment
// ("... on T") holding fields.
type selNode struct {
	name, alias string
	children    []*selNode
}

// key is the node's response key.
func (n *selNode) key() string {
	if n.alias != "" {
		return n.alias
	}
	return n.name
}

// String renders the selection set of the node's children.
func (n *selNode) String() string {
	parts := make([]string, 0, len(n.children))
	for _, c := range n.children {
		s := c.name
		if c.alias != "" {
			s = c.alias + ": " + c.name
		}
		if len(c.children) > 0 {
			s += " { " + c.String() + " }"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

// clone returns a deep copy of n.
func (n *selNode) clone() *selNode {
	out := &selNode{name: n.name, alias: n.alias}
	for _, c := range n.children {
		out.children = append(out.children, c.clone())
	}
	return out
}

// prune removes the field at the response path (list indexes skipped),
// looking through inline fragments; it reports whether it removed one.
func (n *selNode) prune(path []any) bool {
	var keys []string
	for _, p := range path {
		if s, ok := p.(string); ok {
			keys = append(keys, s)
		}
	}
	return n.pruneKeys(keys)
}

func (n *selNode) pruneKeys(keys []string) bool {
	if len(keys) == 0 {
		return false
	}
	removed := false
	kept := n.children[:0]
	for _, c := range n.children {
		switch {
		case strings.HasPrefix(c.name, "... on "):
			removed = c.pruneKeys(keys) || removed
		case c.key() == keys[0] && len(keys) == 1:
			removed = true
			continue
		case c.key() == keys[0]:
			removed = c.pruneKeys(keys[1:]) || removed
		}
		kept = append(kept, c)
	}
	n.children = kept
	return removed
}

// selection returns a selection set for the named type, generated from the
// schema: __typename, every scalar and enum field, and, depth levels down,
// every object field; interfaces and unions by inline fragments on each
// possible type, a field the possible types define with different types
// aliased by type. Fields with a required argument are left out. Nil for
// a scalar or enum.
func selection(s *ast.Schema, typeName string, depth int) *selNode {
	def := s.Types[typeName]
	out := &selNode{}
	switch def.Kind {
	case ast.Scalar, ast.Enum:
		return nil
	case ast.Interface, ast.Union:
		out.children = append(out.children, &selNode{name: "__typename"})
		possible := s.GetPossibleTypes(def)
		sort.Slice(possible, func(i, j int) bool { return possible[i].Name < possible[j].Name })
		conflict := conflicts(possible)
		for _, pt := range possible {
			frag := selection(s, pt.Name, depth)
			frag.name = "... on " + pt.Name
			for _, c := range frag.children {
				if conflict[c.name] {
					c.alias = pt.Name + "_" + c.name
				}
			}
			out.children = append(out.children, frag)
		}
		return out
	}
	out.children = append(out.children, &selNode{name: "__typename"})
	for _, f := range def.Fields {
		if strings.HasPrefix(f.Name, "__") || requiresArgs(f) {
			continue
		}
		ft := s.Types[f.Type.Name()]
		if ft.Kind == ast.Scalar || ft.Kind == ast.Enum {
			out.children = append(out.children, &selNode{name: f.Name})
		} else if depth > 0 {
			sub := selection(s, ft.Name, depth-1)
			sub.name = f.Name
			out.children = append(out.children, sub)
		}
	}
	return out
}

// conflicts returns the names of the fields that the possible types
// define with different types.
func conflicts(types []*ast.Definition) map[string]bool {
	seen := map[string]string{}
	out := map[string]bool{}
	for _, d := range types {
		for _, f := range d.Fields {
			if t, ok := seen[f.Name]; ok && t != f.Type.String() {
				out[f.Name] = true
			}
			seen[f.Name] = f.Type.String()
		}
	}
	return out
}

// requiresArgs reports whether the field has a required argument without
// a default.
func requiresArgs(f *ast.FieldDefinition) bool {
	for _, a := range f.Arguments {
		if a.Type.NonNull && a.DefaultValue == nil {
			return true
		}
	}
	return false
}

// operation returns the GraphQL document running op on field (of the
// root type kind, "query" or "mutation") with the ids and the selection.
func operation(kind, field string, op matrixOp, id matrixIDs, sel *selNode) string {
	args := op.args(id)
	if args != "" {
		args = "(" + args + ")"
	}
	set := ""
	if sel != nil {
		set = " { " + sel.String() + " }"
	}
	return kind + " { " + field + args + set + " }"
}
