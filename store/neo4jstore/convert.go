package neo4jstore

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/voicemap/voicemap/store"
)

// This file converts between domain values and Cypher parameters and
// between records and domain values. Property names are the ones listed in
// doc.go.

// dateParam returns t as an ISO 8601 date string (nil for nil), which the
// Cypher turns into a DATE with date(); date(null) is null.
func dateParam(t *time.Time) any {
	if t == nil {
		return nil
	}
	return store.Day(*t).Format(time.DateOnly)
}

// intParam and floatParam return optional numbers as parameters.
func intParam(v *int) any {
	if v == nil {
		return nil
	}
	return int64(*v)
}

func floatParam(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}

func placeRow(p store.Place) map[string]any {
	groups, counts := groupCounts(p.PopulationByGroup)
	return map[string]any{
		"id": p.ID, "name": p.Name, "code": p.Code, "population": intParam(p.Population),
		"needIndex": floatParam(p.NeedIndex), "needScale": p.NeedScale, "parentId": p.ParentID,
		"populationGroups": groups, "populationCounts": counts, "geometry": strParam(p.Geometry),
	}
}

// strParam is nil (no property) for an empty string, else the string.
func strParam(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// groupCounts splits a population by group into two parallel lists sorted
// by group, the form a Neo4j property can hold (properties cannot be maps);
// nil, nil (no properties) when there is none.
func groupCounts(m map[string]int) (any, any) {
	if len(m) == 0 {
		return nil, nil
	}
	groups := slices.Sorted(maps.Keys(m))
	counts := make([]int64, len(groups))
	for i, g := range groups {
		counts[i] = int64(m[g])
	}
	return groups, counts
}

func personRow(p store.Person) map[string]any {
	return map[string]any{
		"id": p.ID, "name": p.Name, "placeId": p.PlaceID, "groups": p.Groups, "roles": p.Roles,
		"livedExperience": p.LivedExperience, "capacity": string(p.Capacity), "consent": string(p.Consent),
		"sourceSurvey": sourceSurvey(p.Source), "sourceOn": sourceOn(p.Source),
	}
}

// sourceSurvey and sourceOn are a record's source as properties: the
// survey's id and the day as ISO text (never compared in Cypher) when it
// was said in a survey, no properties (null) when typed.
func sourceSurvey(s store.Source) any {
	if s.Kind != store.SourceSurvey {
		return nil
	}
	return s.SurveyID
}

func sourceOn(s store.Source) any {
	if s.Kind != store.SourceSurvey {
		return nil
	}
	return dateParam(s.On)
}

// source reads a record's source from its properties.
func (d *decoder) source(m map[string]any) store.Source {
	id := d.str(m, "sourceSurvey")
	if id == "" {
		return store.Source{}
	}
	src := store.Source{Kind: store.SourceSurvey, SurveyID: id, By: d.str(m, "sourceBy")}
	if on, err := time.Parse(time.DateOnly, d.str(m, "sourceOn")); err != nil {
		d.fail("sourceOn", m["sourceOn"], "ISO date")
	} else {
		src.On = &on
	}
	return src
}

func organisationRow(o store.Organisation) map[string]any {
	return map[string]any{"id": o.ID, "name": o.Name, "kind": string(o.Kind), "placeId": o.PlaceID}
}

func forumRow(f store.Forum) map[string]any {
	return map[string]any{
		"id": f.ID, "name": f.Name, "placeId": f.PlaceID, "decisionMaking": f.DecisionMaking,
		"affectsGroups": f.AffectsGroups,
	}
}

func relationshipRow(r store.Relationship) map[string]any {
	return map[string]any{
		"id": r.ID, "from": r.FromID, "to": r.ToID, "kind": string(r.Kind), "weight": r.Weight,
		"since": dateParam(r.Since), "until": dateParam(r.Until),
		"sourceSurvey": sourceSurvey(r.Source), "sourceOn": sourceOn(r.Source), "sourceBy": strParam(r.Source.By),
	}
}

func participationRow(p store.Participation) map[string]any {
	return map[string]any{
		"id": p.ID, "actorId": p.ActorID, "forumId": p.ForumID, "level": string(p.Level),
		"stage": string(p.JoinedAtStage), "since": dateParam(p.Since), "until": dateParam(p.Until),
		"sourceSurvey": sourceSurvey(p.Source), "sourceOn": sourceOn(p.Source),
	}
}

// errBadValue reports a value of an unexpected type in a result.
var errBadValue = errors.New("neo4jstore: unexpected value type in result")

// decoder reads typed values out of records and property maps, keeping the
// first type mismatch, so that a whole record can be read before checking.
type decoder struct{ err error }

func (d *decoder) fail(key string, v any, want string) {
	if d.err == nil {
		d.err = fmt.Errorf("neo4jstore: property %s holds %T, want %s", key, v, want)
	}
}

func (d *decoder) str(m map[string]any, key string) string {
	switch v := m[key].(type) {
	case nil:
		return ""
	case string:
		return v
	default:
		d.fail(key, v, "string")
		return ""
	}
}

func (d *decoder) boolean(m map[string]any, key string) bool {
	switch v := m[key].(type) {
	case nil:
		return false
	case bool:
		return v
	default:
		d.fail(key, v, "boolean")
		return false
	}
}

func (d *decoder) float(m map[string]any, key string) float64 {
	switch v := m[key].(type) {
	case float64:
		return v
	case int64:
		return float64(v)
	default:
		d.fail(key, v, "float")
		return 0
	}
}

func (d *decoder) optInt(m map[string]any, key string) *int {
	switch v := m[key].(type) {
	case nil:
		return nil
	case int64:
		n := int(v)
		return &n
	default:
		d.fail(key, v, "integer")
		return nil
	}
}

func (d *decoder) optFloat(m map[string]any, key string) *float64 {
	switch v := m[key].(type) {
	case nil:
		return nil
	case float64:
		return &v
	case int64:
		f := float64(v)
		return &f
	default:
		d.fail(key, v, "float")
		return nil
	}
}

// strings returns a list property as a non-nil slice, the canonical form
// of store.Normalize* for tags.
func (d *decoder) strings(m map[string]any, key string) []string {
	out := []string{}
	switch v := m[key].(type) {
	case nil:
	case []any:
		for _, x := range v {
			s, ok := x.(string)
			if !ok {
				d.fail(key, x, "list of strings")
				return out
			}
			out = append(out, s)
		}
	case []string:
		out = append(out, v...)
	default:
		d.fail(key, v, "list of strings")
	}
	return out
}

// date reads a DATE property as midnight UTC.
func (d *decoder) date(m map[string]any, key string) *time.Time {
	switch v := m[key].(type) {
	case nil:
		return nil
	case dbtype.Date:
		t := store.Day(v.Time())
		return &t
	case string:
		// NornicDB v1.2.0 has no DATE type: date() yields, and it stores,
		// the ISO string. Neo4j always returns dbtype.Date.
		t, err := time.Parse(time.DateOnly, v)
		if err != nil {
			d.fail(key, v, "date")
			return nil
		}
		return &t
	default:
		d.fail(key, v, "date")
		return nil
	}
}

// node reads the node in column key of rec.
func (d *decoder) node(rec *neo4j.Record, key string) map[string]any {
	n, _, err := neo4j.GetRecordValue[neo4j.Node](rec, key)
	if err != nil && d.err == nil {
		d.err = err
	}
	return n.Props
}

// rel reads the relationship in column key of rec.
func (d *decoder) rel(rec *neo4j.Record, key string) map[string]any {
	r, _, err := neo4j.GetRecordValue[neo4j.Relationship](rec, key)
	if err != nil && d.err == nil {
		d.err = err
	}
	return r.Props
}

// col reads the string (or null) in column key of rec.
func (d *decoder) col(rec *neo4j.Record, key string) string {
	v, _, err := neo4j.GetRecordValue[string](rec, key)
	if err != nil && d.err == nil {
		d.err = err
	}
	return v
}

// count reads the integer in column key of rec.
func (d *decoder) count(rec *neo4j.Record, key string) int {
	v, _, err := neo4j.GetRecordValue[int64](rec, key)
	if err != nil && d.err == nil {
		d.err = err
	}
	return int(v)
}

func (d *decoder) place(n map[string]any, parentID string) store.Place {
	return store.Place{
		ID: d.str(n, "id"), Name: d.str(n, "name"), Code: d.str(n, "code"),
		Population: d.optInt(n, "population"), NeedIndex: d.optFloat(n, "needIndex"),
		NeedScale: d.str(n, "needScale"), ParentID: parentID,
		PopulationByGroup: d.groupCounts(n, "populationGroups", "populationCounts"),
		Geometry:          d.str(n, "geometry"),
	}
}

// groupCounts reads the parallel lists written by groupCounts back into a
// map, nil when there are none.
func (d *decoder) groupCounts(n map[string]any, groupsKey, countsKey string) map[string]int {
	groups := d.strings(n, groupsKey)
	counts, _ := n[countsKey].([]any)
	if len(groups) != len(counts) {
		d.fail(countsKey, n[countsKey], "a list as long as "+groupsKey)
		return nil
	}
	if len(groups) == 0 {
		return nil
	}
	out := make(map[string]int, len(groups))
	for i, g := range groups {
		c, ok := counts[i].(int64)
		if !ok {
			d.fail(countsKey, counts[i], "integer")
			return nil
		}
		out[g] = int(c)
	}
	return out
}

func (d *decoder) person(n map[string]any, placeID string) store.Person {
	return store.Person{
		ID: d.str(n, "id"), Name: d.str(n, "name"), PlaceID: placeID,
		Groups: d.strings(n, "groups"), Roles: d.strings(n, "roles"),
		LivedExperience: d.strings(n, "livedExperience"),
		Capacity:        store.Capacity(d.str(n, "capacity")), Consent: store.Consent(d.str(n, "consent")),
		Source: d.source(n),
	}
}

func (d *decoder) organisation(n map[string]any, placeID string) store.Organisation {
	return store.Organisation{ID: d.str(n, "id"), Name: d.str(n, "name"), Kind: store.OrgKind(d.str(n, "kind")), PlaceID: placeID}
}

// actor reads a person or organisation node by its labels.
func (d *decoder) actor(rec *neo4j.Record, key, placeID string) store.Actor {
	n, _, err := neo4j.GetRecordValue[neo4j.Node](rec, key)
	if err != nil && d.err == nil {
		d.err = err
	}
	for _, l := range n.Labels {
		if l == labelOrganisation {
			o := d.organisation(n.Props, placeID)
			return store.Actor{Organisation: &o}
		}
	}
	p := d.person(n.Props, placeID)
	return store.Actor{Person: &p}
}

func (d *decoder) forum(n map[string]any, placeID string) store.Forum {
	return store.Forum{
		ID: d.str(n, "id"), Name: d.str(n, "name"), PlaceID: placeID,
		DecisionMaking: d.boolean(n, "decisionMaking"), AffectsGroups: d.strings(n, "affectsGroups"),
	}
}

func (d *decoder) relationship(r map[string]any, from, to string) store.Relationship {
	return store.Relationship{
		ID: d.str(r, "id"), FromID: from, ToID: to, Kind: store.RelKind(d.str(r, "kind")),
		Weight: d.float(r, "weight"), Since: d.date(r, "since"), Until: d.date(r, "until"), Source: d.source(r),
	}
}

func (d *decoder) participation(r map[string]any, actorID, forumID string) store.Participation {
	return store.Participation{
		ID: d.str(r, "id"), ActorID: actorID, ForumID: forumID, Level: store.Level(d.str(r, "level")),
		JoinedAtStage: store.Stage(d.str(r, "joinedAtStage")), Since: d.date(r, "since"), Until: d.date(r, "until"),
		Source: d.source(r),
	}
}

// grantRow is a grant's row; its award date is an ISO string for date().
func grantRow(g store.Grant) map[string]any {
	return map[string]any{
		"id": g.ID, "title": g.Title, "description": g.Description, "amount": g.Amount,
		"currency": g.Currency, "awardedOn": dateParam(&g.AwardedOn), "programme": g.Programme,
		"funderId": g.FunderID, "recipientId": g.RecipientID, "unmatched": g.Unmatched,
	}
}

func (d *decoder) int64(m map[string]any, key string) int64 {
	switch v := m[key].(type) {
	case int64:
		return v
	default:
		d.fail(key, v, "integer")
		return 0
	}
}

// grant reads a grant node; its beneficiary places are read separately.
func (d *decoder) grant(n map[string]any, funderID, recipientID string) store.Grant {
	g := store.Grant{
		ID: d.str(n, "id"), Title: d.str(n, "title"), Description: d.str(n, "description"),
		Amount: d.int64(n, "amount"), Currency: d.str(n, "currency"), FunderID: funderID,
		RecipientID: recipientID, Programme: d.str(n, "programme"),
	}
	if u := d.strings(n, "unmatched"); len(u) > 0 {
		g.Unmatched = u
	}
	if day := d.date(n, "awardedOn"); day != nil {
		g.AwardedOn = *day
	} else {
		d.fail("awardedOn", nil, "date")
	}
	return g
}
