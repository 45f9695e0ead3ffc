package main

import (
	"strings"
	"testing"
)

func TestCLIPlacesLoadUK(t *testing.T) {
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
