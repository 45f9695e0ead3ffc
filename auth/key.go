package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// Key format.
const (
	// KeyPrefix starts every key.
	KeyPrefix = "vm_"
	// SecretBytes is the length of a key's random secret (hex encoded in
	// the key, so 64 characters).
	SecretBytes = 32
	// HashPrefix starts a stored hash.
	HashPrefix = "sha256:"
)

// idPattern is what a key id may be: short, and free of "_" so that a key
// splits unambiguously.
var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{0,63}$`)

// ErrMalformed is returned by ParseKey for a string that is not a key.
var ErrMalformed = errors.New("malformed API key")

// ValidID reports whether id may name a key: 1 to 64 lower-case letters,
// digits, "." and "-", starting with a letter or digit.
func ValidID(id string) bool { return idPattern.MatchString(id) }

// NewKey returns a new key "vm_<id>_<secret>" with a SecretBytes random
// secret from crypto/rand.
func NewKey(id string) (string, error) {
	if !ValidID(id) {
		return "", fmt.Errorf("key id %q: want 1 to 64 of a-z, 0-9, '.' and '-'", id)
	}
	var b [SecretBytes]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("generate key: %w", err)
	}
	return KeyPrefix + id + "_" + hex.EncodeToString(b[:]), nil
}

// ParseKey returns the id of key, or ErrMalformed when key is not of the
// form "vm_<id>_<64 hex digits>".
func ParseKey(key string) (id string, err error) {
	rest, ok := strings.CutPrefix(key, KeyPrefix)
	if !ok {
		return "", ErrMalformed
	}
	i := strings.LastIndexByte(rest, '_')
	if i < 0 {
		return "", ErrMalformed
	}
	id, secret := rest[:i], rest[i+1:]
	if !ValidID(id) || len(secret) != 2*SecretBytes {
		return "", ErrMalformed
	}
	if _, err := hex.DecodeString(secret); err != nil {
		return "", ErrMalformed
	}
	return id, nil
}

// Hash returns the stored form of key: "sha256:" and the hex SHA-256 of the
// whole key.
func Hash(key string) string {
	sum := sha256.Sum256([]byte(key))
	return HashPrefix + hex.EncodeToString(sum[:])
}

// Verify reports whether key hashes to hash, comparing in constant time.
func Verify(key, hash string) bool {
	return subtle.ConstantTimeCompare([]byte(Hash(key)), []byte(hash)) == 1
}
