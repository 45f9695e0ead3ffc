package cli

import (
	"strings"
	"testing"
)

func TestCLIPlacesLoadUK(t *testing.T) {
	t.Parallel()
	path := tempData(t)
	r := mustRunCLI(t, path, nil, "places", "load-uk", "-area", "E12000007", "-area", "Cardiff")
	// UK, England, London with 33 districts; Wales and Cardiff.
	if r.stdout != "loaded places: 38\n" {
		t.Fatalf("places load-uk printed %q, want 38 places", r.stdout)
	}
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"places", "load-uk"}, ExitUsage, "name at least one -area"},
		{[]string{"places", "load"}, ExitUsage, "subcommand load-uk"},
		{[]string{"places", "load-uk", "-area", "Atlantis"}, ExitError, `"Atlantis" is not the code, name or alias`},
	} {
		r := runCLI(t, path, nil, tt.args...)
		if r.code != tt.code || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("voicemap %q: exit %d, stderr %q; want %d mentioning %q", tt.args, r.code, r.stderr, tt.code, tt.want)
		}
	}
}

// TestCLIFunderReport imports a real publisher's file into its region and
// checks the funder report, in both formats: the money adds up, the
// under-served districts come first, and the grants naming no location are
// shown on the recipients' basis apart.
func TestCLIFunderReport(t *testing.T) {
	t.Parallel()
	path := tempData(t)
	mustRunCLI(t, path, nil, "places", "load-uk", "-area", "East of England", "-boundaries=false")
	r := mustRunCLI(t, path, nil, "import", "-place", "E10000012", testdata("giving", "testdata", "publishers", "essex_cf_2020.json"))
	if !strings.Contains(r.stdout, "imported grants: 33 (33 created, 0 updated)") {
		t.Fatalf("import printed %q", r.stdout)
	}
	md := mustRunCLI(t, path, nil, "report", "-funder", "GB-CHC-1052061", "-place", "E10000012", "-top", "3").stdout
	for _, want := range []string{
		"# Funder report: Essex Community Foundation\n",
		"| Total awarded (33 grants) | GBP 335965.00 | 100.0% |\n",
		"| To places ranked against need (with a population) | GBP 174753.00 | 52.0% |\n",
		"| To places outside the scope | GBP 34000.00 | 10.1% |\n",
		"| Grants naming no beneficiary location | GBP 127212.00 | 37.9% |\n",
		"| 1 | Tendring | E07000076 |",
		"| | … and 9 more places |",
		"| Essex (E10000012) | 9 | GBP 127212.00 |\n",
		"| Recipients | 21 |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("funder report lacks %q:\n%s", want, md)
		}
	}
	csv := mustRunCLI(t, path, nil, "report", "-funder", "GB-CHC-1052061", "-place", "E10000012", "-format", "csv").stdout
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	if !strings.HasPrefix(lines[0], "basis,place_id,place,code,population") || !strings.HasPrefix(lines[1], "beneficiary,E07000076,Tendring,") ||
		!strings.Contains(csv, "\nunplaced,,,,,,,,127212,") || !strings.Contains(csv, "\nrecipient_location,E10000012,Essex,,,,,9,127212.00,") {
		t.Errorf("funder report CSV:\n%s", csv)
	}
	r = runCLI(t, path, nil, "report", "-funder", "GB-CHC-0000000")
	if r.code != ExitError || !strings.Contains(r.stderr, "not found") {
		t.Errorf("report of an unknown funder: exit %d, %q", r.code, r.stderr)
	}
}
