package interchange_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/voicemap/voicemap/interchange"
	"github.com/voicemap/voicemap/store"
)

func parseKumuFiles(t *testing.T) store.Batch {
	t.Helper()
	b, err := interchange.ParseKumu(bytes.NewReader(readTestdata(t, "kumu_elements.csv")),
		bytes.NewReader(readTestdata(t, "kumu_connections.csv")), "E05000436")
	if err != nil {
		t.Fatalf("ParseKumu: %v (details %q)", err, store.ErrorDetails(err))
	}
	return b
}

// TestParseKumuFiles reads the Kumu export in testdata (see
// testdata/README.md) and checks the mapping of every element and
// connection.
func TestParseKumuFiles(t *testing.T) {
	t.Parallel()
	b := parseKumuFiles(t)
	assertNormalized(t, b)
	wantOrgs := []store.Organisation{
		{ID: "vassall-community-forum", Name: "Vassall Community Forum", Kind: store.OrgCommunityGroup, PlaceID: "E05000436"},
		{ID: "lambeth-council", Name: "Lambeth Council", Kind: store.OrgPublicBody, PlaceID: "E09000022"},
		{ID: "young-lambeth-co-op", Name: "Young Lambeth Co-op", Kind: store.OrgVoluntary, PlaceID: "E05000436"},
		{ID: "walcot-foundation", Name: "Walcot Foundation", Kind: store.OrgFunder, PlaceID: "E09000022"},
		{ID: "nhs-south-east-london", Name: "NHS South East London", Kind: store.OrgHealth, PlaceID: "E09000022"},
		{ID: "bishops-ward-forum", Name: "Bishop's Ward Forum", Kind: store.OrgCommunityGroup, PlaceID: "E05000416"},
	}
	if !reflect.DeepEqual(b.Organisations, wantOrgs) {
		t.Errorf("ParseKumu organisations = %s, want %s", jsonString(t, b.Organisations), jsonString(t, wantOrgs))
	}
	wantPeople := []store.Person{
		{ID: "amara-o", Name: "Amara O.", PlaceID: "E05000436", Groups: []string{"carer", "parent"}, Roles: []string{}, LivedExperience: []string{},
			Capacity: store.CapacityCommunity, Consent: store.ConsentGiven},
		{ID: "dev-p", Name: "Dev P.", PlaceID: "E05000436", Groups: []string{}, Roles: []string{}, LivedExperience: []string{},
			Capacity: store.CapacityProfessional, Consent: store.ConsentGiven},
		{ID: "sam-k", Name: "Sam K.", PlaceID: "E05000436", Groups: []string{"young person"}, Roles: []string{}, LivedExperience: []string{},
			Capacity: store.CapacityCommunity, Consent: store.ConsentUnknown},
	}
	if !reflect.DeepEqual(b.People, wantPeople) {
		t.Errorf("ParseKumu people = %s, want %s", jsonString(t, b.People), jsonString(t, wantPeople))
	}

	type tie struct {
		from, to     string
		kind         store.RelKind
		weight       float64
		since, until string
	}
	wantTies := []tie{
		{"amara-o", "vassall-community-forum", store.RelMemberOf, 3, "2019-04-01", ""},
		{"amara-o", "vassall-community-forum", store.RelWorksWith, 2, "2022-01-10", ""},
		{"dev-p", "young-lambeth-co-op", store.RelEmployedBy, 2, "2020-09-01", ""},
		{"dev-p", "sam-k", store.RelKnows, 1, "", ""},
		{"dev-p", "amara-o", store.RelKnows, 1, "", ""},
		{"walcot-foundation", "vassall-community-forum", store.RelFunds, 1, "2021-01-01", "2023-12-31"},
		{"walcot-foundation", "young-lambeth-co-op", store.RelFunds, 1, "2021-01-01", "2023-12-31"},
		{"lambeth-council", "vassall-community-forum", store.RelWorksWith, 2, "", ""},
		{"nhs-south-east-london", "lambeth-council", store.RelPartnersWith, 1.5, "", ""},
		{"sam-k", "young-lambeth-co-op", store.RelMemberOf, 1, "2023-06-01", ""},
		{"bishops-ward-forum", "lambeth-council", store.RelKnows, 1, "", ""},
	}
	day := func(d *time.Time) string {
		if d == nil {
			return ""
		}
		return d.Format(time.DateOnly)
	}
	var gotTies []tie
	idForm := regexp.MustCompile(`^kumu-[0-9a-f]{16}$`)
	seen := map[string]bool{}
	for _, r := range b.Relationships {
		gotTies = append(gotTies, tie{r.FromID, r.ToID, r.Kind, r.Weight, day(r.Since), day(r.Until)})
		if !idForm.MatchString(r.ID) || seen[r.ID] {
			t.Errorf("relationship id %q: want a distinct kumu-<16 hex digits>", r.ID)
		}
		seen[r.ID] = true
	}
	if !reflect.DeepEqual(gotTies, wantTies) {
		t.Errorf("ParseKumu relationships =\n%+v\nwant\n%+v", gotTies, wantTies)
	}
	// The documented id: SHA-256 of from, to, kind and occurrence.
	sum := sha256.Sum256([]byte("amara-o\x00vassall-community-forum\x00MEMBER_OF\x001"))
	if want := "kumu-" + hex.EncodeToString(sum[:8]); len(b.Relationships) > 0 && b.Relationships[0].ID != want {
		t.Errorf("first relationship id = %q, want %q", b.Relationships[0].ID, want)
	}
}

// TestParseKumuDeterministic checks that parsing the same files again gives
// the same batch, ids included, so that re-importing is idempotent.
func TestParseKumuDeterministic(t *testing.T) {
	t.Parallel()
	a, b := parseKumuFiles(t), parseKumuFiles(t)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("ParseKumu differs between two runs on the same files")
	}
}

// TestParseKumuIDs checks ID columns, references by ID or label, slug
// de-duplication, repeated connections and a missing connections file.
func TestParseKumuIDs(t *testing.T) {
	t.Parallel()
	elements := "ID,Label,Type,Place\n" +
		",Ana B.,Person,\n" +
		"ana-b,Ana B,person,\n" +
		",Ana-B!,Individual,town2\n" +
		"org-1,Food Bank,Charity,\n" +
		",???,Organisation,\n" +
		",Zoë Ødegård,Person,\n"
	connections := "ID,From,To,Type,Weight\n" +
		"tie-1,ana-b,org-1,member of,2\n" +
		",Ana B.,Food Bank,,\n" +
		",Ana B.,Food Bank,,\n" +
		",Food Bank,ana-b|Ana-B!,funds,\n"
	b, err := interchange.ParseKumu(strings.NewReader(elements), strings.NewReader(connections), "town")
	if err != nil {
		t.Fatalf("ParseKumu: %v (details %q)", err, store.ErrorDetails(err))
	}
	var people []string
	for _, p := range b.People {
		people = append(people, p.ID+"@"+p.PlaceID)
	}
	if want := []string{"ana-b-2@town", "ana-b@town", "ana-b-3@town2", "zoë-ødegård@town"}; !reflect.DeepEqual(people, want) {
		t.Errorf("people = %q, want %q", people, want)
	}
	var orgs []string
	for _, o := range b.Organisations {
		orgs = append(orgs, o.ID+":"+string(o.Kind))
	}
	if want := []string{"org-1:VOLUNTARY", "element:OTHER"}; !reflect.DeepEqual(orgs, want) {
		t.Errorf("organisations = %q, want %q", orgs, want)
	}
	var ties []string
	for _, r := range b.Relationships {
		ties = append(ties, r.FromID+">"+r.ToID+":"+string(r.Kind))
	}
	if want := []string{"ana-b>org-1:MEMBER_OF", "ana-b-2>org-1:KNOWS", "ana-b-2>org-1:KNOWS", "org-1>ana-b:FUNDS", "org-1>ana-b-3:FUNDS"}; !reflect.DeepEqual(ties, want) {
		t.Errorf("relationships = %q, want %q", ties, want)
	}
	if len(b.Relationships) == 5 {
		if b.Relationships[0].ID != "tie-1" || b.Relationships[0].Weight != 2 {
			t.Errorf("relationship 0 = %+v, want id tie-1 weight 2", b.Relationships[0])
		}
		if b.Relationships[1].ID == b.Relationships[2].ID {
			t.Errorf("repeated connections share id %q, want distinct ids", b.Relationships[1].ID)
		}
	}

	only, err := interchange.ParseKumu(strings.NewReader(elements), nil, "town")
	if err != nil || len(only.Relationships) != 0 || len(only.People) != 4 {
		t.Errorf("ParseKumu(elements, nil) = %d people, %d relationships, %v; want 4, 0, nil", len(only.People), len(only.Relationships), err)
	}
}

// TestParseKumuInvalid checks that each kind of bad input is refused with
// every problem named by file, line and column, and an empty batch.
func TestParseKumuInvalid(t *testing.T) {
	t.Parallel()
	const elements = "Label,Type,Description,Tags,Place,Groups,Capacity,Consent\n" +
		"Ana,Person,,,,,,\n" +
		"Food Bank,Charity,,,,,,\n" +
		"Council,Council,,,,,,\n"
	const connHead = "From,To,Type,Direction,Strength,Start,End\n"
	tests := []struct {
		name                  string
		elements, connections string
		placeID               string
		want                  []string
	}{
		{"unknown type", "Label,Type\nAna,Person\nHousing plan,Project\n", "", "town",
			[]string{`elements line 3, Type: "Project" is not an actor type; the accepted types are: business, charity,`}},
		{"empty type", "Label,Type\nAna,\n", "", "town", []string{`elements line 2, Type: a type is required; the accepted types are:`}},
		{"missing label column", "Name,Type\nAna,Person\n", "", "town", []string{`elements line 1: required column "Label" is missing`}},
		{"missing type column", "Label\nAna\n", "", "town", []string{`elements line 1: required column "Type" is missing`}},
		{"empty elements", "", "", "town", []string{`elements line 1: the file is empty`}},
		{"missing label", "Label,Type\n,Person\n", "", "town", []string{`elements line 2, Label: a label is required`}},
		{"duplicate label", "Label,Type\nAna,Person\nAna,Person\n", "", "town", []string{`elements line 3, Label: "Ana" is already the label on line 2`}},
		{"duplicate id", "ID,Label,Type\np1,Ana,Person\np1,Bo,Person\n", "", "town", []string{`elements line 3, ID: "p1" is already the ID on line 2`}},
		{"person field on organisation", "Label,Type,Groups,Consent\nFood Bank,Charity,parent,GIVEN\n", "", "town",
			[]string{`elements line 2, Groups: "parent" is given, but Groups applies to people only`, `elements line 2, Consent: "GIVEN" is given, but Consent applies to people only`}},
		{"bad capacity", "Label,Type,Capacity\nAna,Person,volunteer\n", "", "town", []string{`elements line 2, Capacity: "volunteer" is not a capacity`}},
		{"capacity contradicts type", "Label,Type,Capacity\nAna,Professional,community\n", "", "town", []string{`elements line 2, Capacity: "community" contradicts the element's Type "Professional"`}},
		{"bad consent", "Label,Type,Consent\nAna,Person,yes\n", "", "town", []string{`elements line 2, Consent: "yes" is not a consent status`}},
		{"no place", "Label,Type,Place\nAna,Person,\n", "", "", []string{`elements line 2, Place: a place is required`}},
		{"no place column", "Label,Type\nAna,Person\n", "", "", []string{`elements line 2: a place is required`}},
		{"unknown from", elements, connHead + "Bo,Ana,,,,,\n", "town", []string{`connections line 2, From: "Bo" is not the ID or Label of an element`}},
		{"unknown to in list", elements, connHead + "Ana,Food Bank|Foodbank,,,,,\n", "town", []string{`connections line 2, To: "Foodbank" is not the ID or Label of an element`}},
		{"empty to", elements, connHead + "Ana,,knows,,,,\n", "town", []string{`connections line 2, To: an element is required`}},
		{"several from", elements, connHead + "Ana|Council,Food Bank,,,,,\n", "town", []string{`connections line 2, From: "Ana|Council" names several elements`}},
		{"bad kind", elements, connHead + "Ana,Food Bank,Personal,,,,\n", "town", []string{`connections line 2, Type: "Personal" is not a relationship kind; the kinds are KNOWS, WORKS_WITH`}},
		{"bad direction", elements, connHead + "Ana,Food Bank,,both ways,,,\n", "town", []string{`connections line 2, Direction: "both ways" is not a direction`}},
		{"text strength", elements, connHead + "Ana,Food Bank,,,Strong,,\n", "town", []string{`connections line 2, Strength: "Strong" is not a number > 0`}},
		{"zero weight", elements, "From,To,Weight\nAna,Food Bank,0\n", "town", []string{`connections line 2, Weight: "0" is not a number > 0`}},
		{"bad date", elements, connHead + "Ana,Food Bank,,,,01/04/2019,\n", "town", []string{`connections line 2, Start: "01/04/2019" is not a date (YYYY-MM-DD)`}},
		{"until before since", elements, connHead + "Ana,Food Bank,,,,2020-01-01,2019-01-01\n", "town", []string{`connections line 2: until (2019-01-01) is before since (2020-01-01)`}},
		{"self tie", elements, connHead + "Ana,Ana,,,,,\n", "town", []string{`connections line 2, To: "Ana" is also the From element; a connection joins two different elements`}},
		{"self tie by id and label", "ID,Label,Type\np1,Ana,Person\n", "From,To\np1,Ana\n", "town", []string{`connections line 2, To: "p1" is also the From element`}},
		{"id with several to", elements, "ID,From,To\nc1,Ana,Food Bank|Council\n", "town", []string{`connections line 2, ID: "c1" names one connection, but To names 2 elements`}},
		{"duplicate connection id", elements, "ID,From,To\nc1,Ana,Food Bank\nc1,Ana,Council\n", "town", []string{`connections line 3, ID: id "c1" is already used by connections line 2, ID`}},
		{"connection id of an element", elements, "ID,From,To\nana,Council,Food Bank\n", "town", []string{`connections line 2, ID: id "ana" is already used by elements line 2`}},
		{"missing from column", elements, "Source,To\nAna,Council\n", "town", []string{`connections line 1: required column "From" is missing`}},
		{"strength and weight", elements, "From,To,Strength,Weight\nAna,Council,1,2\n", "town", []string{`connections line 1: columns "Strength" (column 3) and "Weight" (column 4) give the same field`}},
		{"both files at once", "Label,Type\nAna,Person\nPlan,Project\n", "From,To,Type\nAna,Plan,Personal\n", "town", []string{
			`elements line 3, Type: "Project" is not an actor type`, `connections line 2, Type: "Personal" is not a relationship kind`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var conns *strings.Reader
			if tt.connections != "" {
				conns = strings.NewReader(tt.connections)
			}
			var b store.Batch
			var err error
			if conns != nil {
				b, err = interchange.ParseKumu(strings.NewReader(tt.elements), conns, tt.placeID)
			} else {
				b, err = interchange.ParseKumu(strings.NewReader(tt.elements), nil, tt.placeID)
			}
			if code := store.ErrorCode(err); code != store.EINVALID {
				t.Fatalf("ParseKumu error = %v (code %q), want %q", err, code, store.EINVALID)
			}
			details := strings.Join(store.ErrorDetails(err), "\n")
			for _, w := range tt.want {
				if !strings.Contains(details, w) {
					t.Errorf("ParseKumu details =\n%s\nwant one containing %q", details, w)
				}
			}
			if n := len(store.ErrorDetails(err)); n != len(tt.want) {
				t.Errorf("ParseKumu gave %d problems, want %d: %q", n, len(tt.want), store.ErrorDetails(err))
			}
			if !reflect.DeepEqual(b, store.Batch{}) {
				t.Errorf("ParseKumu returned a non-empty batch with an error")
			}
		})
	}
}

// TestParseKumuTitleAliases checks the alternative column titles Kumu's
// own field names give: Element Type, Connection Type, Connection Direction.
func TestParseKumuTitleAliases(t *testing.T) {
	t.Parallel()
	b, err := interchange.ParseKumu(strings.NewReader("Label,Element Type\nAna,Person\nFood Bank,Charity\n"),
		strings.NewReader("From,To,Connection Type,Connection Direction\nAna,Food Bank,Member of,directed\n"), "town")
	if err != nil {
		t.Fatalf("ParseKumu: %v (details %q)", err, store.ErrorDetails(err))
	}
	if len(b.People) != 1 || len(b.Organisations) != 1 || len(b.Relationships) != 1 || b.Relationships[0].Kind != store.RelMemberOf {
		t.Errorf("ParseKumu = %+v, want one person, one organisation and a MEMBER_OF relationship", b)
	}
}
