package resolvers_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/store"
)

// The matrix's audit and consent checks: every answer naming a person of
// the fixture comes with an audit record naming them, and no answer holds
// anything of a person whose consent is withdrawn.

// auditMarker is a string whose presence in an answer's data discloses
// something about the people it names.
type auditMarker struct {
	text   string
	people []string
	// link marks the id of a relationship or participation: its people
	// are those of the fixture, which a mutation may have changed.
	link bool
}

// auditMarkers are the fixture's people's ids, names and cursors, and the
// ids and cursors of their relationships and participations.
func auditMarkers() []auditMarker {
	var out []auditMarker
	for _, x := range matrixCases {
		id, m := matrixSide(x), matrixMarker[x]
		for _, p := range []struct{ key, name string }{{"person", m + " Person One"}, {"person2", m + " Person Two"}} {
			pid := id[p.key]
			out = append(out, auditMarker{text: pid, people: []string{pid}}, auditMarker{text: p.name, people: []string{pid}},
				auditMarker{text: store.EncodeCursor(pid), people: []string{pid}})
		}
		links := map[string][]string{
			id["rel"]:   {id["person"], id["person2"]},
			id["rel2"]:  {id["person2"]},
			id["part2"]: {id["person"]},
		}
		for lid, people := range links {
			out = append(out, auditMarker{text: lid, people: people, link: true}, auditMarker{text: store.EncodeCursor(lid), people: people, link: true})
		}
	}
	out = append(out, auditMarker{text: "ab-rel", people: []string{"a-person-1", "b-person-1"}, link: true},
		auditMarker{text: store.EncodeCursor("ab-rel"), people: []string{"a-person-1", "b-person-1"}, link: true})
	return out
}

// containsID reports whether id occurs in text as a whole token, not as a
// part of a longer id or cursor.
func containsID(text, id string) bool {
	re := regexp.MustCompile(`(^|[^A-Za-z0-9_-])` + regexp.QuoteMeta(id) + `($|[^A-Za-z0-9_-])`)
	return re.MatchString(text)
}

// unaudited are the root fields whose answers may name people without a
// record: auditLog answers with the subjects of the log itself (reading
// the log is not recorded in it).
var unaudited = map[string]bool{"auditLog": true}

// checkAudited checks that the records an answer appended name every
// person whose markers its data holds (links count only for queries:
// a mutation may have moved them).
func checkAudited(t *testing.T, tally *matrixTally, where, field string, resp matrixResponse, ans matrixAnswer, links bool) {
	t.Helper()
	if unaudited[field] || resp.Data == nil {
		return
	}
	data, err := json.Marshal(resp.Data)
	if err != nil {
		t.Fatal(err)
	}
	var recorded []string
	for _, r := range ans.records {
		recorded = append(recorded, r.Subjects...)
	}
	if missing := unrecorded(string(data), recorded, ans.key.Subject, links); len(missing) > 0 {
		tally.leak(t, "%s: the answer discloses %v with no audit record naming them (records %+v): %s", where, missing, ans.records, resp.raw)
	}
}

// unrecorded returns the people whose markers data holds but recorded
// does not name (as subject(id), the form the log records), each with the
// first marker found.
func unrecorded(data string, recorded []string, subject func(string) string, links bool) []string {
	var missing, seen []string
	for _, m := range auditMarkers() {
		if (m.link && !links) || !containsID(data, m.text) {
			continue
		}
		for _, p := range m.people {
			if !slices.Contains(recorded, subject(p)) && !slices.Contains(seen, p) {
				seen = append(seen, p)
				missing = append(missing, fmt.Sprintf("%s (for %q)", p, m.text))
			}
		}
	}
	return missing
}

// withdrawnLeaks returns what an answer holds of the fixture's withdrawn
// people: their names, ids, cursors, or those of their relationship and
// participation.
func withdrawnLeaks(resp matrixResponse) []string {
	if resp.Data == nil {
		return nil
	}
	data, _ := json.Marshal(resp.Data)
	var found []string
	for _, x := range matrixCases {
		m := matrixMarker[x]
		for _, id := range []string{x + "-person-w", x + "-rel-w", x + "-part-w"} {
			for _, text := range []string{id, store.EncodeCursor(id)} {
				if containsID(string(data), text) {
					found = append(found, text)
				}
			}
		}
		if containsID(string(data), m+" Withdrawn Person") {
			found = append(found, m+" Withdrawn Person")
		}
	}
	return found
}

// placeholderLeaks returns the labels of the fixture's placeholders that
// an answer to the role holds although the role may not see them: only an
// administrator and an editor of the placeholder's place may (the
// respondent of A did not name A's placeholder).
func placeholderLeaks(r matrixRole, resp matrixResponse) []string {
	if resp.Data == nil {
		return nil
	}
	data, _ := json.Marshal(resp.Data)
	var found []string
	for _, x := range matrixCases {
		if r.is(auth.RoleAdmin) || (r.is(auth.RoleEditor) && x == "a") {
			continue
		}
		if strings.Contains(string(data), placeholderLabel(x)) {
			found = append(found, placeholderLabel(x))
		}
	}
	return found
}
