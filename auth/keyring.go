package auth

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"time"
)

// ReloadInterval is how often, at most, a Keyring looks at its file.
const ReloadInterval = time.Second

// Errors of Authenticate. Each is answered the same way (401): a client
// learns nothing about which keys exist.
var (
	ErrUnknownKey = errors.New("unknown API key")
	ErrRevoked    = errors.New("revoked API key")
	// ErrKeysUnavailable is every key's answer while the keys file cannot
	// be used (see Keyring).
	ErrKeysUnavailable = errors.New("the keys file cannot be used: every key is refused until it is fixed")
)

// Keyring holds the configured keys and authenticates requests. It is safe
// for concurrent use.
//
// Keys from a file follow the file: at most every ReloadInterval the
// keyring looks at it and re-reads it when it changed (another file, size,
// modification time or mode). A reload that fails (the file is malformed,
// deleted, unreadable, writable by others, or holds an invalid entry)
// fails closed: from then on every key is refused with ErrKeysUnavailable,
// the keys of the last good file included, until a reload succeeds. There
// is no grace period: the edit that broke the file may have been the
// revocation of a stolen key, and the keyring cannot tell. While the file
// is bad it is re-read every ReloadInterval whatever its modification
// time, so a repaired file is in force within a second.
type Keyring struct {
	path string
	now  func() time.Time

	mu        sync.Mutex
	entries   map[string]Entry
	file      os.FileInfo // the file as last read successfully
	checked   time.Time
	reloadErr error
}

// NewKeyring returns a keyring of entries that never changes. The entries
// are not checked (ParseEntries does that).
func NewKeyring(entries []Entry) *Keyring {
	k := &Keyring{now: time.Now}
	k.set(entries)
	return k
}

// LoadFile reads the keys in the file at path and returns a keyring that
// follows changes to it; now is the clock (time.Now when nil). It fails
// when the file cannot be used (see Keyring), so that a server never
// starts with a bad file.
func LoadFile(path string, now func() time.Time) (*Keyring, error) {
	if now == nil {
		now = time.Now
	}
	k := &Keyring{path: path, now: now}
	if err := k.load(); err != nil {
		return nil, err
	}
	k.checked = now()
	return k, nil
}

// Load returns the keyring configured by a keys file path or, when path is
// empty, by the keys in env (in either form of ParseEntries); nil (and no
// error) when both are empty.
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

// load reads the file, checks its permissions and entries, and on success
// makes its keys the keyring's. Called with k.mu held or before k is
// shared.
func (k *Keyring) load() error {
	f, err := os.Open(k.path)
	if err != nil {
		return fmt.Errorf("keys file: %w", err)
	}
	defer f.Close()
	entries, fi, _, err := readKeysFile(k.path, f)
	if err != nil {
		return err
	}
	k.set(entries)
	k.file = fi
	return nil
}

// changed reports whether fi describes another file than the one last
// read, or the same file modified (content or mode) since.
func (k *Keyring) changed(fi os.FileInfo) bool {
	return k.file == nil || !os.SameFile(fi, k.file) || !fi.ModTime().Equal(k.file.ModTime()) ||
		fi.Size() != k.file.Size() || fi.Mode() != k.file.Mode()
}

// refresh re-reads the file when ReloadInterval has passed since the last
// look and the file changed or the last reload failed. A failed reload is
// kept in reloadErr, which refuses every key (fail closed). Called with
// k.mu held.
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
		k.reloadErr = fmt.Errorf("keys file: %w", err)
		return
	}
	if k.reloadErr == nil && !k.changed(fi) {
		return
	}
	k.reloadErr = k.load()
}

// ReloadError returns the error of the last reload while it failed (every
// key is then refused), nil once a reload succeeds. It looks at the file
// first when a look is due, as Authenticate does.
func (k *Keyring) ReloadError() error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.refresh()
	return k.reloadErr
}

// Len is how many keys (revoked or not) the last good file configured.
func (k *Keyring) Len() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.refresh()
	return len(k.entries)
}

// Authenticate returns the principal of key: ErrMalformed for a string
// that is not a key, ErrKeysUnavailable for any key while the keys file
// cannot be used, ErrUnknownKey for a key with no entry or the wrong
// secret, ErrRevoked for a revoked key.
func (k *Keyring) Authenticate(key string) (Principal, error) {
	id, err := ParseKey(key)
	if err != nil {
		return Principal{}, err
	}
	k.mu.Lock()
	k.refresh()
	e, ok := k.entries[id]
	broken := k.reloadErr != nil
	k.mu.Unlock()
	if broken {
		return Principal{}, ErrKeysUnavailable
	}
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
