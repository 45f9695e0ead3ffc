package giving_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/interchange/giving"
)

// jsonGrant is a valid grant object with the given fields replaced or added;
// a value of "" removes the field.
func jsonGrant(fields map[string]string) string {
	base := [][2]string{
		{"id", `"360G-mt-1"`},
		{"title", `"Lunch club"`},
		{"description", `"Meals for older people"`},
		{"currency", `"GBP"`},
		{"amountAwarded", `1500.5`},
		{"awardDate", `"2024-05-01"`},
		{"recipientOrganization", `[{"id": "GB-CHC-1000001", "name": "Millbrook Lunch Club"}]`},
		{"fundingOrganization", `[{"id": "GB-CHC-2000002", "name": "Millbrook Trust"}]`},
	}
	var parts []string
	for _, kv := range base {
		v, ok := fields[kv[0]]
		if !ok {
			v = kv[1]
		}
		if v != "" {
			parts = append(parts, `"`+kv[0]+`": `+v)
		}
	}
	for k, v := range fields {
		found := false
		for _, kv := range base {
			found = found || kv[0] == k
		}
		if !found && v != "" {
			parts = append(parts, `"`+k+`": `+v)
		}
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func pkg(grants ...string) string { return `{"grants": [` + strings.Join(grants, ", ") + `]}` }

var baseGrant = giving.Grant{
	ID: "360G-mt-1", Title: "Lunch club", Description: "Meals for older people",
	Currency: "GBP", Amount: 150050, AwardDate: day(2024, 5, 1),
	RecipientOrg: giving.Org{ID: "GB-CHC-1000001", Name: "Millbrook Lunch Club"},
	FundingOrg:   giving.Org{ID: "GB-CHC-2000002", Name: "Millbrook Trust"},
}

func TestParseJSONValid(t *testing.T) {
	t.Parallel()
	with := func(f func(*giving.Grant)) giving.Grant {
		g := baseGrant
		f(&g)
		return g
	}
	tests := []struct {
		name string
		in   string
		want []giving.Grant
	}{
		{name: "minimal", in: pkg(jsonGrant(nil)), want: []giving.Grant{baseGrant}},
		{
			name: "package metadata, extra fields and nested unknown values are ignored",
			in: `{"license": "CC-BY", "publisher": {"name": "x", "tags": [1, {"a": []}]}, "grants": [` +
				jsonGrant(map[string]string{"additional_data": `{"locationLookup": [{"ladcd": "E06000009"}]}`, "dateModified": `"2024-05-02"`}) +
				`], "extensions": []}`,
			want: []giving.Grant{baseGrant},
		},
		{
			name: "keys are matched exactly: ID is not id",
			in:   pkg(jsonGrant(map[string]string{"ID": `"36857"`, "Title": `"other"`})),
			want: []giving.Grant{baseGrant},
		},
		{
			name: "exponent amount, programme and beneficiary locations",
			in: pkg(jsonGrant(map[string]string{
				"amountAwarded":       `1.5e4`,
				"grantProgramme":      `[{"code": "C", "title": "Community"}, {"title": "second"}]`,
				"beneficiaryLocation": `[{"name": "Millbrook Ward", "geoCode": "E05000001", "geoCodeType": "WD"}, {"countryCode": "GB", "latitude": "51.5"}, {"geoCode": "E09000022"}]`,
			})),
			want: []giving.Grant{with(func(g *giving.Grant) {
				g.Amount = 1500000
				g.Programme = "Community"
				g.Beneficiaries = []giving.Location{{Name: "Millbrook Ward", GeoCode: "E05000001", GeoCodeType: "WD"}, {GeoCode: "E09000022"}}
			})},
		},
		{
			name: "only the first of several funders is read",
			in:   pkg(jsonGrant(map[string]string{"fundingOrganization": `[{"id": "GB-CHC-2000002", "name": "Millbrook Trust"}, {"id": "GB-CHC-3", "name": "Co-funder"}]`})),
			want: []giving.Grant{baseGrant},
		},
		{
			name: "second grant gets its index as Row",
			in:   pkg(jsonGrant(nil), jsonGrant(map[string]string{"id": `"360G-mt-2"`})),
			want: []giving.Grant{baseGrant, with(func(g *giving.Grant) { g.ID = "360G-mt-2"; g.Row = 1 })},
		},
		{name: "no grants", in: `{"grants": []}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := collect(t, giving.ParseJSON, strings.NewReader(tt.in))
			if err != nil {
				t.Fatalf("ParseJSON error = %v, details %q", err, details(t, err))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("ParseJSON =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

func TestParseJSONInvalid(t *testing.T) {
	t.Parallel()
	truncated := `{"grants": [` + jsonGrant(nil)
	complete := pkg(jsonGrant(nil))
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{
			name: "amount written as text",
			in:   pkg(jsonGrant(map[string]string{"amountAwarded": `"10,000"`})),
			want: []string{`grants[0].amountAwarded: must be a number, not the text "10,000"`},
		},
		{
			name: "amount of the wrong type",
			in:   pkg(jsonGrant(map[string]string{"amountAwarded": `[1]`})),
			want: []string{`grants[0].amountAwarded: must be a number, not an array`},
		},
		{
			name: "missing amount",
			in:   pkg(jsonGrant(map[string]string{"amountAwarded": ``})),
			want: []string{`grants[0].amountAwarded: is required`},
		},
		{
			name: "identifier of the wrong type is reported once",
			in:   pkg(jsonGrant(map[string]string{"id": `12345`})),
			want: []string{`grants[0].id: must be text (a JSON string), not a number`},
		},
		{
			name: "bad currency and date in the second grant",
			in:   pkg(jsonGrant(nil), jsonGrant(map[string]string{"id": `"g2"`, "currency": `"£"`, "awardDate": `"03/02/2005"`})),
			want: []string{
				`grants[1].currency: "£" is not an ISO 4217 currency code (for example GBP)`,
				`grants[1].awardDate: "03/02/2005" is not an ISO 8601 date: write YYYY-MM-DD (for example 2020-03-19) or a full date-time (2020-03-19T00:00:00Z); if the file writes dates day first (26/03/2001) or month first, import it with -date-order dmy or -date-order mdy (GraphQL dateOrder: DMY or MDY)`,
			},
		},
		{
			name: "duplicate identifiers",
			in:   pkg(jsonGrant(nil), jsonGrant(map[string]string{"id": `"g2"`}), jsonGrant(nil)),
			want: []string{`grants[2].id: "360G-mt-1" is used again (first at grants[0]): every grant needs its own identifier`},
		},
		{
			name: "recipient as an object, not an array",
			in:   pkg(jsonGrant(map[string]string{"recipientOrganization": `{"id": "GB-CHC-1", "name": "x"}`})),
			want: []string{`grants[0].recipientOrganization: must be an array of organisations [{"id": ..., "name": ...}], not an object`},
		},
		{
			name: "missing funder, empty recipient list",
			in:   pkg(jsonGrant(map[string]string{"fundingOrganization": ``, "recipientOrganization": `[]`})),
			want: []string{
				`grants[0].fundingOrganization[0].id: is required`,
				`grants[0].fundingOrganization[0].name: is required`,
				`grants[0].recipientOrganization[0].id: is required`,
				`grants[0].recipientOrganization[0].name: is required`,
			},
		},
		{
			name: "grant to an individual",
			in:   pkg(jsonGrant(map[string]string{"recipientOrganization": ``, "recipientIndividual": `{"id": "360G-mt-IND-1", "name": "A Person"}`})),
			want: []string{`grants[0].recipientIndividual: a grant to an individual: voicemap records grants to organisations only, and keeps no personal data about grant recipients; remove grants to individuals from the file before importing it`},
		},
		{
			name: "a grant that is not an object",
			in:   `{"grants": [["x", {"y": 1}], 7, ` + jsonGrant(nil) + `]}`,
			want: []string{`grants[0]: must be an object, not an array`, `grants[1]: must be an object, not a number`},
		},
		{
			name: "top level is an array",
			in:   `[` + jsonGrant(nil) + `]`,
			want: []string{`JSON: the file must be a 360Giving package, an object {"grants": [...]}, not an array`},
		},
		{
			name: "no grants array",
			in:   `{"grant": []}`,
			want: []string{`JSON: the package has no "grants" array`},
		},
		{
			name: "grants is not an array",
			in:   `{"grants": {"id": "x"}}`,
			want: []string{`grants: must be an array of grants, not an object`},
		},
		{
			name: "syntax error",
			in:   `{"grants": [{"id": "x",, }]}`,
			want: []string{`JSON syntax error in grants[0], which starts after byte 12: invalid character ',' looking for beginning of object key string`},
		},
		{
			name: "syntax error between grants",
			in:   `{"grants": [` + jsonGrant(nil) + ` ` + jsonGrant(nil) + `]}`,
			want: []string{fmt.Sprintf("JSON syntax error in grants[1], which starts after byte %d: expected comma after array element", 12+len(jsonGrant(nil))+1)},
		},
		{
			name: "truncated file",
			in:   truncated,
			want: []string{fmt.Sprintf("JSON: the file ends at byte %d, before the document is complete", len(truncated))},
		},
		{
			name: "data after the package",
			in:   complete + ` {}`,
			want: []string{fmt.Sprintf("JSON: more data follows the package object, which ends at byte %d", len(complete))},
		},
		{
			name: "empty file",
			in:   ``,
			want: []string{`JSON: the file ends at byte 0, before the document is complete`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := collect(t, giving.ParseJSON, strings.NewReader(tt.in))
			if got := details(t, err); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("ParseJSON details =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

// fn receives the grants before the first problem and none after it.
func TestParseJSONAllOrNothing(t *testing.T) {
	t.Parallel()
	in := pkg(jsonGrant(map[string]string{"id": `"a"`}), jsonGrant(map[string]string{"id": `"b"`, "title": `""`}), jsonGrant(map[string]string{"id": `"c"`}))
	got, err := collect(t, giving.ParseJSON, strings.NewReader(in))
	if len(got) != 1 || got[0].ID != "a" {
		t.Errorf("fn received %+v, want grant a only", got)
	}
	if d := details(t, err); !reflect.DeepEqual(d, []string{"grants[1].title: is required"}) {
		t.Errorf("details = %q", d)
	}
}
