package audit

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// KeySuffix names a log's key file by default: the log's path with this
// suffix ("audit.log.key").
const KeySuffix = ".key"

// keyBytes is the length of the audit key: 256 bits from crypto/rand.
const keyBytes = 32

// subjectBytes is the length a subject's HMAC-SHA-256 is truncated to:
// 128 bits, 32 hex digits (NIST SP 800-107 allows truncating an HMAC to
// any length of at least 32 bits; at 128 the chance of two ids sharing a
// hash is negligible even across billions of ids).
const subjectBytes = 16

// Key is the secret with which a log records subject ids as keyed hashes
// (see the package documentation, "Subjects").
type Key struct {
	secret []byte
	id     string
}

// ID is the key's fingerprint: 16 hex digits of HMAC-SHA-256(secret,
// "voicemap audit key id"). Every record written with the key carries it
// (Record.SubjectKey); it tells which key a log was written with without
// revealing anything of the key.
func (k Key) ID() string { return k.id }

// Subject returns the keyed hash by which a log records the id: the first
// 16 bytes, in hex, of HMAC-SHA-256(secret, "voicemap audit subject" 0x00
// id).
func (k Key) Subject(id string) string {
	return k.subjects([]string{id})[0]
}

// subjectPrefix starts the message of a subject's HMAC.
const subjectPrefix = "voicemap audit subject\x00"

// subjects returns the Subject of each id, with one HMAC state reset
// between them.
func (k Key) subjects(ids []string) []string {
	m := hmac.New(sha256.New, k.secret)
	out := make([]string, len(ids))
	var sum []byte
	for i, id := range ids {
		m.Reset()
		m.Write([]byte(subjectPrefix))
		m.Write([]byte(id))
		sum = m.Sum(sum[:0])
		out[i] = hex.EncodeToString(sum[:subjectBytes])
	}
	return out
}

func (k Key) mac(msg string) []byte {
	m := hmac.New(sha256.New, k.secret)
	m.Write([]byte(msg))
	return m.Sum(nil)
}

func newKey(secret []byte) Key {
	k := Key{secret: secret}
	k.id = hex.EncodeToString(k.mac("voicemap audit key id")[:8])
	return k
}

// LoadKey reads the key file at path: 64 hex digits (and an optional
// newline), in a file that neither group nor others may read or write.
func LoadKey(path string) (Key, error) {
	f, err := os.Open(path)
	if err != nil {
		return Key{}, fmt.Errorf("audit key: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return Key{}, fmt.Errorf("audit key: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return Key{}, fmt.Errorf("audit key %s: not a regular file", path)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0 {
		return Key{}, fmt.Errorf("audit key %s: mode %04o lets group or others read or write it: chmod 600 %s", path, fi.Mode().Perm(), path)
	}
	buf := make([]byte, 2*keyBytes+2)
	n, _ := f.Read(buf)
	secret, err := hex.DecodeString(string(bytes.TrimRight(buf[:n], "\r\n")))
	if err != nil || len(secret) != keyBytes {
		return Key{}, fmt.Errorf("audit key %s: want %d hex digits", path, 2*keyBytes)
	}
	return newKey(secret), nil
}

// createKey makes a new random key and writes it to path with mode 0600,
// synced with its directory. The key is written to a temporary file first
// and linked to path, which fails when path exists: then another process
// (a server and a command starting at once) has just created the key, which
// is complete and is loaded instead.
func createKey(path string) (Key, error) {
	secret := make([]byte, keyBytes)
	if _, err := rand.Read(secret); err != nil {
		return Key{}, fmt.Errorf("audit key: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return Key{}, fmt.Errorf("audit key: %w", err)
	}
	defer os.Remove(tmp.Name())
	err = tmp.Chmod(0o600)
	if err == nil {
		_, err = tmp.WriteString(hex.EncodeToString(secret) + "\n")
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return Key{}, fmt.Errorf("audit key %s: %w", path, err)
	}
	if err := os.Link(tmp.Name(), path); errors.Is(err, fs.ErrExist) {
		return LoadKey(path)
	} else if err != nil {
		return Key{}, fmt.Errorf("audit key %s: %w", path, err)
	}
	if err := syncDir(filepath.Dir(path)); err != nil {
		return Key{}, fmt.Errorf("audit key %s: %w", path, err)
	}
	return newKey(secret), nil
}

// openKey returns the key of a log whose last record was written with the
// key of fingerprint lastID ("" for an empty log or one whose last record
// predates keyed subjects): the key file at path, created when missing
// unless the log needs the key it was written with.
func openKey(path, lastID string) (k Key, created bool, err error) {
	k, err = LoadKey(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) && lastID == "":
		k, err = createKey(path)
		return k, err == nil, err
	case errors.Is(err, fs.ErrNotExist):
		return Key{}, false, fmt.Errorf("audit key %s is missing, but the log was written with key %s: restore that key file from backup, or move the log aside to start a new one", path, lastID)
	case err != nil:
		return Key{}, false, err
	case lastID != "" && k.ID() != lastID:
		return Key{}, false, fmt.Errorf("audit key %s is key %s, but the log was written with key %s: restore the key file that belongs to this log, or move the log aside to start a new one", path, k.ID(), lastID)
	}
	return k, false, nil
}

// syncDir fsyncs a directory, so that a file created in it survives a
// crash (where directories can be synced).
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && runtime.GOOS != "windows" {
		return err
	}
	return nil
}
