package auth

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"sync"
	"time"
)

// ReloadInterval is how often, at most, a Keyring looks at its file's
// modification time.
const ReloadInterval = time.Second

// Errors of Authenticate. Each is answered the same way (401): a client
// learns nothing about which keys exist.
var (
	ErrUnknownKey = errors.New("unknown API key")
	ErrRevoked    = errors.New("revoked API key")
)

// Entry is one configured key, as in the keys file.
type Entry struct {
	ID      string   `json:"id"`
	Role    Role     `json:"role"`
	Places  []string `json:"places,omitempty"`
	Hash    string   `json:"hash"`
	Revoked bool     `json:"revoked,omitempty"`
}

// Principal returns the principal of e.
func (e Entry) Principal() Principal {
	return Principal{KeyID: e.ID, Role: e.Role, Places: slices.Clone(e.Places)}
}

// ParseEntries reads a JSON array of entries, refusing unknown fields, an
// invalid id or role, a hash that is not "sha256:" and 64 hex digits, and
// duplicate ids.
func ParseEntries(data []byte) ([]Entry, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var entries []Entry
	if err := dec.Decode(&entries); err != nil {
		return nil, fmt.Errorf("keys: %w", err)
	}
	seen := map[string]bool{}
	for i, e := range entries {
		switch {
		case !ValidID(e.ID):
			return nil, fmt.Errorf("keys[%d]: id %q: want 1 to 64 of a-z, 0-9, '.' and '-'", i, e.ID)
		case seen[e.ID]:
			return nil, fmt.Errorf("keys[%d]: id %q appears twice", i, e.ID)
		case !e.Role.Valid():
			return nil, fmt.Errorf("keys[%d] (%s): role %q: want admin, editor, analyst or funder", i, e.ID, e.Role)
		case !validHash(e.Hash):
			return nil, fmt.Errorf("keys[%d] (%s): hash: want \"sha256:\" and 64 hex digits", i, e.ID)
		}
		for _, p := range e.Places {
			if p == "" {
				return nil, fmt.Errorf("keys[%d] (%s): empty place id", i, e.ID)
			}
		}
		seen[e.ID] = true
	}
	return entries, nil
}

func validHash(h string) bool {
	hexPart, ok := bytes.CutPrefix([]byte(h), []byte(HashPrefix))
	if !ok || len(hexPart) != 64 {
		return false
	}
	for _, c := range hexPart {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// Keyring holds the configured keys and authenticates requests. Keys from
// a file are re-read when the file's modification time changes, checked at
// most every ReloadInterval. It is safe for concurrent use.
type Keyring struct {
	path string
	now  func() time.Time

	mu        sync.Mutex
	entries   map[string]Entry
	modTime   time.Time
	size      int64
	checked   time.Time
	reloadErr error
}

// NewKeyring returns a keyring of entries that never changes.
func NewKeyring(entries []Entry) *Keyring {
	k := &Keyring{now: time.Now}
	k.set(entries)
	return k
}

// LoadFile reads the keys in the file at path and returns a keyring that
// follows changes to it; now is the clock (time.Now when nil).
func LoadFile(path string, now func() time.Time) (*Keyring, error) {
	if now == nil {
		now = time.Now
	}
	k := &Keyring{path: path, now: now}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("keys file: %w", err)
	}
	if err := k.load(fi); err != nil {
		return nil, err
	}
	k.checked = now()
	return k, nil
}

// Load returns the keyring configured by a keys file path or, when path is
// empty, by the JSON in env; nil (and no error) when both are empty.
func Load(path, env string) (*Keyring, error) {
	switch {
	case path != "":
		return LoadFile(path, nil)
	case env != "":
		entries, err := ParseEntries([]byte(env))
		if err != nil {
			return nil, fmt.Errorf("VOICEMAP_KEYS: %w", err)
		}
		return NewKeyring(entries), nil
	}
	return nil, nil
}

func (k *Keyring) set(entries []Entry) {
	m := make(map[string]Entry, len(entries))
	for _, e := range entries {
		m[e.ID] = e
	}
	k.entries = m
}

// load reads the file whose current state is fi. Called with k.mu held or
// before k is shared.
func (k *Keyring) load(fi os.FileInfo) error {
	data, err := os.ReadFile(k.path)
	if err != nil {
		return fmt.Errorf("keys file: %w", err)
	}
	entries, err := ParseEntries(data)
	if err != nil {
		return fmt.Errorf("keys file %s: %w", k.path, err)
	}
	k.set(entries)
	k.modTime, k.size = fi.ModTime(), fi.Size()
	return nil
}

// refresh re-reads the file when it changed and ReloadInterval has passed
// since the last look. A file that cannot be read or parsed leaves the
// keys as they were; the error is kept for ReloadError. Called with k.mu
// held.
func (k *Keyring) refresh() {
	if k.path == "" {
		return
	}
	now := k.now()
	if now.Sub(k.checked) < ReloadInterval {
		return
	}
	k.checked = now
	fi, err := os.Stat(k.path)
	if err != nil {
		// A deleted file revokes nothing silently: keep the keys, report.
		k.reloadErr = fmt.Errorf("keys file: %w", err)
		return
	}
	if fi.ModTime().Equal(k.modTime) && fi.Size() == k.size {
		return
	}
	k.reloadErr = k.load(fi)
}

// ReloadError returns the error of the last failed reload, nil after a
// good one.
func (k *Keyring) ReloadError() error {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.reloadErr
}

// Len is how many keys (revoked or not) are configured.
func (k *Keyring) Len() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.refresh()
	return len(k.entries)
}

// Authenticate returns the principal of key: ErrMalformed for a string
// that is not a key, ErrUnknownKey for a key with no entry or the wrong
// secret, ErrRevoked for a revoked key.
func (k *Keyring) Authenticate(key string) (Principal, error) {
	id, err := ParseKey(key)
	if err != nil {
		return Principal{}, err
	}
	k.mu.Lock()
	k.refresh()
	e, ok := k.entries[id]
	k.mu.Unlock()
	if !ok {
		// Spend the same hash and compare as a known key would.
		Verify(key, HashPrefix+"0000000000000000000000000000000000000000000000000000000000000000")
		return Principal{}, ErrUnknownKey
	}
	if !Verify(key, e.Hash) {
		return Principal{}, ErrUnknownKey
	}
	if e.Revoked {
		return Principal{}, ErrRevoked
	}
	return e.Principal(), nil
}

// Path is the keys file the keyring follows, "" for a fixed keyring.
func (k *Keyring) Path() string { return k.path }
