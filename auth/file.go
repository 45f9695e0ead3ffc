package auth

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// MaxKeysFileSize caps the keys file: far more than any real list of keys
// (about 200 bytes each), so that a wrong path (a log, a device) is
// refused rather than read whole.
const MaxKeysFileSize = 4 << 20

// checkKeysFileMode refuses a keys file that is not a regular file, or
// that group or others may write: whoever can write the file can give
// themselves an admin key. It may be readable by others: it holds only
// hashes of 256-bit random keys, from which no key can be recovered (a
// container user other than the file's owner, such as the image's
// nonroot, must be able to read it).
func checkKeysFileMode(path string, fi os.FileInfo) error {
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("keys file %s: not a regular file", path)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o022 != 0 {
		return fmt.Errorf("keys file %s: mode %04o lets group or others write it, and so give themselves any key: chmod go-w %s",
			path, fi.Mode().Perm(), path)
	}
	return nil
}

// readKeysFile reads and parses the keys file at path, open as f, after
// checking its mode (checkKeysFileMode): its entries, its state as read and
// its content.
func readKeysFile(path string, f *os.File) ([]Entry, os.FileInfo, []byte, error) {
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, nil, fmt.Errorf("keys file: %w", err)
	}
	if err := checkKeysFileMode(path, fi); err != nil {
		return nil, nil, nil, err
	}
	data, err := readAll(f, fi)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("keys file: %w", err)
	}
	entries, err := ParseEntries(data)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("keys file %s: %w", path, err)
	}
	return entries, fi, data, nil
}

// readAll reads the open keys file f, refusing one larger than
// MaxKeysFileSize.
func readAll(f *os.File, fi os.FileInfo) ([]byte, error) {
	if fi.Size() > MaxKeysFileSize {
		return nil, fmt.Errorf("%s is larger than %d bytes: not a keys file", f.Name(), MaxKeysFileSize)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxKeysFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxKeysFileSize {
		return nil, fmt.Errorf("%s is larger than %d bytes: not a keys file", f.Name(), MaxKeysFileSize)
	}
	return data, nil
}

// NewKeysFileMode is the mode AddEntry creates a keys file with (before
// the umask): readable by all, since it holds hashes only, writable by its
// owner alone.
const NewKeysFileMode = 0o644

// AddEntry adds e to the keys file at path, creating the file when it is
// missing. It first reads the file as a server would, and refuses to touch
// one that fails (fix it first) or that already has an entry with e's id.
// A file of JSON Lines (or a new or empty one) gets e appended as one
// line, in one write followed by fsync, so a server reading the file meanwhile
// sees it without or with the whole line; a JSON array is rewritten, one
// entry a line, to a temporary file renamed over it, keeping its mode.
func AddEntry(path string, e Entry) error {
	if err := e.Check(); err != nil {
		return fmt.Errorf("key %s: %w", e.ID, err)
	}
	line, err := e.EncodeLine()
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_APPEND, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return createKeysFile(path, line)
	}
	if err != nil {
		return fmt.Errorf("keys file: %w", err)
	}
	defer f.Close()
	entries, fi, data, err := readKeysFile(path, f)
	if err != nil {
		return fmt.Errorf("%w (the file is not changed: fix it first)", err)
	}
	for _, old := range entries {
		if old.ID == e.ID {
			return fmt.Errorf("keys file %s already has a key with id %q: choose another id, or remove that entry first", path, e.ID)
		}
	}
	if trimmed := bytes.TrimLeft(data, " \t\r\n"); len(trimmed) > 0 && trimmed[0] == '[' {
		return rewriteArray(path, fi.Mode().Perm(), append(entries, e))
	}
	if len(data) > 0 && data[len(data)-1] != '\n' {
		line = append([]byte{'\n'}, line...)
	}
	if _, err := f.Write(line); err != nil {
		return fmt.Errorf("keys file %s: append: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("keys file %s: sync: %w", path, err)
	}
	return nil
}

// createKeysFile creates the keys file at path holding line.
func createKeysFile(path string, line []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, NewKeysFileMode)
	if err != nil {
		return fmt.Errorf("keys file: %w", err)
	}
	_, err = f.Write(line)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(path)
		return fmt.Errorf("keys file %s: %w", path, err)
	}
	return syncDir(filepath.Dir(path))
}

// rewriteArray replaces the file at path by a JSON array of entries, one
// a line, through a temporary file in the same directory.
func rewriteArray(path string, mode os.FileMode, entries []Entry) error {
	var b bytes.Buffer
	b.WriteString("[\n")
	for i, e := range entries {
		line, err := e.EncodeLine()
		if err != nil {
			return err
		}
		if i < len(entries)-1 {
			line = append(line[:len(line)-1], ',', '\n')
		}
		b.Write(line)
	}
	b.WriteString("]\n")
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("keys file %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing to remove
	_, err = tmp.Write(b.Bytes())
	if err == nil {
		err = tmp.Chmod(mode)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("keys file %s: rewrite: %w", path, err)
	}
	return syncDir(filepath.Dir(path))
}

// syncDir fsyncs a directory, so that a file created or renamed in it
// survives a crash (a no-op error on systems that cannot).
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil && runtime.GOOS != "windows" {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
