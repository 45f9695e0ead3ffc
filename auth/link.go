package auth

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
)

// Survey links. A person invited to a survey gets a personal link carrying
// a token "vs_" followed by 64 hex digits (32 bytes from crypto/rand).
// Like an API key it is stored only as its hash (Hash: "sha256:" and the
// hex SHA-256 of the whole token), a fast hash being right for a 256-bit
// random secret. The link puts the token in the URL's fragment
// (/respond#<token>), which browsers never send to the server, so it
// appears in no request line, log or Referer; the page sends it as a
// Bearer credential. The service decides what a token grants: one
// invitation, until it expires, submitting once (see package service).

// LinkPrefix starts every survey link token.
const LinkPrefix = "vs_"

// NewLinkToken returns a new survey link token.
func NewLinkToken() (string, error) {
	var b [SecretBytes]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("generate link token: %w", err)
	}
	return LinkPrefix + hex.EncodeToString(b[:]), nil
}

// IsLinkToken reports whether s has the form of a survey link token.
func IsLinkToken(s string) bool {
	secret, ok := strings.CutPrefix(s, LinkPrefix)
	if !ok || len(secret) != 2*SecretBytes {
		return false
	}
	_, err := hex.DecodeString(secret)
	return err == nil && strings.ToLower(secret) == secret
}

// LinkKeyID is the KeyID of the principal of the link of an invitation:
// what logs, rate limits and the audit log name the request by (an
// invitation's id, never a person's).
func LinkKeyID(invitationID string) string { return "link:" + invitationID }

// Respondent returns the principal of the holder of the link of an
// invitation.
func Respondent(invitationID string) Principal {
	return Principal{KeyID: LinkKeyID(invitationID), Role: RoleRespondent, Invitation: invitationID}
}
