package giving_test

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/interchange/giving"
)

const csvHeader = "Identifier,Title,Description,Currency,Amount Awarded,Award Date,Recipient Org:Identifier,Recipient Org:Name,Funding Org:Identifier,Funding Org:Name,Grant Programme:Title,Beneficiary Location:Name,Beneficiary Location:Geographic Code,Beneficiary Location:Geographic Code Type\n"

// csvRow is a valid row for csvHeader, with id and amount filled in.
func csvRow(id, amount string) string {
	return id + ",Lunch club,Meals for older people,GBP," + amount + ",2024-05-01,GB-CHC-1000001,Millbrook Lunch Club,GB-CHC-2000002,Millbrook Trust,Community,Millbrook Ward,E05000001,WD\n"
}

func TestParseCSVValid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want []giving.Grant
	}{
		{
			name: "template columns",
			in:   csvHeader + csvRow("360G-mt-1", "1500.50"),
			want: []giving.Grant{{
				ID: "360G-mt-1", Title: "Lunch club", Description: "Meals for older people",
				Currency: "GBP", Amount: 150050, AwardDate: day(2024, 5, 1),
				RecipientOrg:  giving.Org{ID: "GB-CHC-1000001", Name: "Millbrook Lunch Club"},
				FundingOrg:    giving.Org{ID: "GB-CHC-2000002", Name: "Millbrook Trust"},
				Programme:     "Community",
				Beneficiaries: []giving.Location{{Name: "Millbrook Ward", GeoCode: "E05000001", GeoCodeType: "WD"}},
				Row:           2,
			}},
		},
		{
			name: "byte order mark, titles in other case and spacing, unknown columns, CRLF, blank rows",
			in: "\uFEFFidentifier , TITLE,Notes,description,currency,amount awarded,AWARD DATE,Recipient Org: Identifier,recipient org:name,Funding  Org : Identifier,funding org:name\r\n" +
				",,,,,,,,,,\r\n" +
				"360G-mt-2,Garden, ignored ,Tools,GBP,300,2024-06-01T10:00:00Z,GB-COH-01234567,Growers Ltd,GB-CHC-2000002,Millbrook Trust\r\n",
			want: []giving.Grant{{
				ID: "360G-mt-2", Title: "Garden", Description: "Tools", Currency: "GBP", Amount: 30000,
				AwardDate:    day(2024, 6, 1),
				RecipientOrg: giving.Org{ID: "GB-COH-01234567", Name: "Growers Ltd"},
				FundingOrg:   giving.Org{ID: "GB-CHC-2000002", Name: "Millbrook Trust"},
				Row:          3,
			}},
		},
		{
			name: "numbered beneficiary locations, and one left out for having neither name nor code",
			in: "Identifier,Title,Description,Currency,Amount Awarded,Award Date,Recipient Org:Identifier,Recipient Org:Name,Funding Org:0:Identifier,Funding Org:0:Name,Funding Org:1:Identifier," +
				"Beneficiary Location:1:Name,Beneficiary Location:0:Name,Beneficiary Location:0:Geographic Code,Beneficiary Location:2:Geographic Code Type\n" +
				"360G-mt-3,Youth,Club,GBP,10,2024-01-31,GB-CHC-1,Youth Club,GB-CHC-2,Trust,GB-CHC-3,Eastfield,Westfield,E05000002,WD\n",
			want: []giving.Grant{{
				ID: "360G-mt-3", Title: "Youth", Description: "Club", Currency: "GBP", Amount: 1000,
				AwardDate:    day(2024, 1, 31),
				RecipientOrg: giving.Org{ID: "GB-CHC-1", Name: "Youth Club"},
				FundingOrg:   giving.Org{ID: "GB-CHC-2", Name: "Trust"},
				Beneficiaries: []giving.Location{
					{Name: "Westfield", GeoCode: "E05000002"},
					{Name: "Eastfield"},
				},
				Row: 2,
			}},
		},
		{
			name: "header only",
			in:   csvHeader,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := collect(t, giving.ParseCSV, strings.NewReader(tt.in))
			if err != nil {
				t.Fatalf("ParseCSV error = %v, details %q", err, details(t, err))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("ParseCSV =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

func TestParseCSVInvalid(t *testing.T) {
	t.Parallel()
	// replace returns a valid row with one field (by column index in csvHeader) replaced.
	replace := func(id string, col int, value string) string {
		f := strings.Split(strings.TrimSuffix(csvRow(id, "100"), "\n"), ",")
		f[col] = value
		return strings.Join(f, ",") + "\n"
	}
	tests := []struct {
		name string
		in   string
		want []string // the details, in order
	}{
		{
			name: "missing title",
			in:   csvHeader + replace("g1", 1, "  "),
			want: []string{"line 2, Title: is required"},
		},
		{
			name: "missing description",
			in:   csvHeader + replace("g1", 2, ""),
			want: []string{"line 2, Description: is required"},
		},
		{
			name: "currency in lower case",
			in:   csvHeader + replace("g1", 3, "gbp"),
			want: []string{`line 2, Currency: "gbp" is not an ISO 4217 currency code: write it in capitals, GBP`},
		},
		{
			name: "unknown currency",
			in:   csvHeader + replace("g1", 3, "XYZ"),
			want: []string{`line 2, Currency: "XYZ" is not an ISO 4217 currency code (for example GBP)`},
		},
		{
			name: "amount with thousands separator",
			in:   csvHeader + replace("g1", 4, `"1,000.00"`),
			want: []string{`line 2, Amount Awarded: "1,000.00" is not a number: write digits with an optional decimal point, without thousands separators or currency symbols (for example 1000.50)`},
		},
		{
			name: "amount with currency symbol",
			in:   csvHeader + replace("g1", 4, "£1000"),
			want: []string{`line 2, Amount Awarded: "£1000" is not a number: write digits with an optional decimal point, without thousands separators or currency symbols (for example 1000.50)`},
		},
		{
			name: "amount in fractions of a penny",
			in:   csvHeader + replace("g1", 4, "10.005"),
			want: []string{`line 2, Amount Awarded: "10.005" has more decimal places than GBP has (2); round it in the source file`},
		},
		{
			name: "negative amount",
			in:   csvHeader + replace("g1", 4, "-250"),
			want: []string{`line 2, Amount Awarded: "-250" is negative: an amount awarded must be 0 or more`},
		},
		{
			name: "missing amount",
			in:   csvHeader + replace("g1", 4, ""),
			want: []string{`line 2, Amount Awarded: is required`},
		},
		{
			name: "day-first date",
			in:   csvHeader + replace("g1", 5, "01/05/2024"),
			want: []string{`line 2, Award Date: "01/05/2024" is not an ISO 8601 date: write YYYY-MM-DD (for example 2020-03-19) or a full date-time (2020-03-19T00:00:00Z); if the file writes dates day first (26/03/2001) or month first, import it with -date-order dmy or -date-order mdy (GraphQL dateOrder: DMY or MDY)`},
		},
		{
			name: "no such date",
			in:   csvHeader + replace("g1", 5, "2023-02-29"),
			want: []string{`line 2, Award Date: "2023-02-29" is not an ISO 8601 date: write YYYY-MM-DD (for example 2020-03-19) or a full date-time (2020-03-19T00:00:00Z)`},
		},
		{
			name: "duplicate identifiers",
			in:   csvHeader + csvRow("g1", "1") + csvRow("g2", "2") + csvRow("g1", "3"),
			want: []string{`line 4, Identifier: "g1" is used again (first at line 2): every grant needs its own identifier`},
		},
		{
			name: "missing identifier",
			in:   csvHeader + csvRow("", "1"),
			want: []string{`line 2, Identifier: is required`},
		},
		{
			name: "missing funder name and recipient identifier",
			in:   csvHeader + strings.Replace(strings.Replace(csvRow("g1", "1"), "Millbrook Trust", "", 1), "GB-CHC-1000001", "", 1),
			want: []string{`line 2, Funding Org:Name: is required`, `line 2, Recipient Org:Identifier: is required`},
		},
		{
			name: "grant to an individual",
			in: "Identifier,Title,Description,Currency,Amount Awarded,Award Date,Recipient Org:Identifier,Recipient Org:Name,Recipient Ind:Identifier,Funding Org:Identifier,Funding Org:Name\n" +
				"g1,Bursary,Study costs,GBP,500,2024-01-01,,,360G-mt-IND-1,GB-CHC-2,Trust\n",
			want: []string{`line 2, Recipient Ind:Identifier: a grant to an individual: voicemap records grants to organisations only, and keeps no personal data about grant recipients; remove grants to individuals from the file before importing it`},
		},
		{
			name: "several problems in several rows, in file order",
			in:   csvHeader + replace("g1", 3, "") + csvRow("g2", "5") + replace("g3", 5, "2024"),
			want: []string{`line 2, Currency: is required`, `line 4, Award Date: "2024" is not an ISO 8601 date: write YYYY-MM-DD (for example 2020-03-19) or a full date-time (2020-03-19T00:00:00Z)`},
		},
		{
			name: "missing columns",
			in:   "Identifier,Title,Currency,Amount Awarded,Award Date,Recipient Org:Identifier,Funding Org:Identifier,Funding Org:Name\n" + "g1,t,GBP,1,2024-01-01,a,b,c\n",
			want: []string{`line 1: the required column "Description" is missing`, `line 1: the required column "Recipient Org:Name" is missing`},
		},
		{
			name: "column given twice",
			in:   strings.TrimSuffix(csvHeader, "\n") + ",amount awarded\n",
			want: []string{`line 1: column "amount awarded" appears twice (columns 5 and 15)`},
		},
		{
			name: "empty file",
			in:   "",
			want: []string{`CSV: the file is empty; its first line must hold the column titles (Identifier, Title, ...)`},
		},
		{
			name: "bare quote",
			in:   csvHeader + csvRow("g1", "1") + `g2,a "b" c,d,GBP,1,2024-01-01,x,y,z,w` + "\n",
			want: []string{`line 3, column 6: bare " in non-quoted-field; reading stopped here`},
		},
		{
			name: "invalid UTF-8",
			in:   csvHeader + replace("g1", 1, "Caf\xe9"),
			want: []string{`line 2, Title: is not valid UTF-8 text`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := collect(t, giving.ParseCSV, strings.NewReader(tt.in))
			if got := details(t, err); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("ParseCSV details =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

// fn receives the valid grants before the first problem, none after it, and
// the problems are capped at MaxProblems with a count of the rest.
func TestParseCSVAllOrNothing(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString(csvHeader + csvRow("ok-1", "1") + csvRow("ok-2", "2"))
	for i := range 150 {
		b.WriteString(csvRow(fmt.Sprintf("bad-%d", i), "1.0.0"))
		b.WriteString(csvRow(fmt.Sprintf("ok-after-%d", i), "3"))
	}
	got, err := collect(t, giving.ParseCSV, strings.NewReader(b.String()))
	if len(got) != 2 || got[0].ID != "ok-1" || got[1].ID != "ok-2" {
		t.Errorf("fn received %d grants, want ok-1 and ok-2 only", len(got))
	}
	d := details(t, err)
	if len(d) != giving.MaxProblems+1 {
		t.Fatalf("len(details) = %d, want %d", len(d), giving.MaxProblems+1)
	}
	if !strings.HasPrefix(d[0], "line 4, Amount Awarded:") {
		t.Errorf("details[0] = %q", d[0])
	}
	if d[giving.MaxProblems] != "... and 50 more" {
		t.Errorf("last detail = %q, want %q", d[giving.MaxProblems], "... and 50 more")
	}
}

// An error from fn stops the parse at once and comes back unchanged.
func TestParseCSVCallbackError(t *testing.T) {
	t.Parallel()
	stop := errors.New("batch full")
	calls := 0
	err := giving.ParseCSV(strings.NewReader(csvHeader+csvRow("a", "1")+csvRow("b", "2")+csvRow("c", "3")), func(giving.Grant) error {
		calls++
		if calls == 2 {
			return stop
		}
		return nil
	})
	if err != stop || calls != 2 {
		t.Fatalf("ParseCSV = %v after %d calls, want %v after 2", err, calls, stop)
	}
}
