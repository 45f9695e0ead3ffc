package auth_test

import (
	"strings"
	"testing"

	"github.com/voicemap/voicemap/auth"
)

// TestLinkToken checks the form of survey link tokens: new ones have it,
// are distinct and are never API keys; near misses do not.
func TestLinkToken(t *testing.T) {
	a, err := auth.NewLinkToken()
	if err != nil {
		t.Fatal(err)
	}
	b, err := auth.NewLinkToken()
	if err != nil {
		t.Fatal(err)
	}
	if a == b || !auth.IsLinkToken(a) || !auth.IsLinkToken(b) {
		t.Fatalf("NewLinkToken() = %q, %q: want two distinct link tokens", a, b)
	}
	if _, err := auth.ParseKey(a); err == nil {
		t.Errorf("ParseKey(%q) accepted a link token as an API key", a)
	}
	hex := strings.Repeat("0a", auth.SecretBytes)
	for _, tc := range []struct {
		name string
		s    string
		want bool
	}{
		{"valid", auth.LinkPrefix + hex, true},
		{"no prefix", hex, false},
		{"API key prefix", "vm_" + hex, false},
		{"short", auth.LinkPrefix + hex[2:], false},
		{"long", auth.LinkPrefix + hex + "00", false},
		{"upper case", auth.LinkPrefix + strings.ToUpper(hex), false},
		{"not hex", auth.LinkPrefix + strings.Repeat("zz", auth.SecretBytes), false},
		{"empty", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := auth.IsLinkToken(tc.s); got != tc.want {
				t.Errorf("IsLinkToken(%q) = %v, want %v", tc.s, got, tc.want)
			}
		})
	}
	if got, want := auth.Respondent("inv-1"), (auth.Principal{KeyID: "link:inv-1", Role: auth.RoleRespondent, Invitation: "inv-1"}); got.KeyID != want.KeyID || got.Role != want.Role || got.Invitation != want.Invitation || got.Places != nil {
		t.Errorf("Respondent(inv-1) = %+v, want %+v", got, want)
	}
	if auth.RoleRespondent.Valid() {
		t.Error("RoleRespondent.Valid() = true: the respondent role must never be an API key's")
	}
}
