package boltstore_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/voicemap/voicemap/demo"
	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/store/boltstore"
)

// demoFile writes a store file holding the demo network and closes it.
func demoFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "voicemap.db")
	s, err := boltstore.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(t.Context(), demo.Network()); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// pagesInUse returns the page size of the bbolt file at path and the ids
// of its leaf pages in use (not free), read with bbolt itself.
func pagesInUse(t *testing.T, path string) (int, []int) {
	t.Helper()
	return pagesOfType(t, path, "leaf")
}

// pagesOfType returns the page size of the bbolt file at path and the ids
// of its pages in use of the type ("leaf", "branch", "freelist").
func pagesOfType(t *testing.T, path, typ string) (int, []int) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, PreLoadFreelist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var leaves []int
	err = db.View(func(tx *bolt.Tx) error {
		for id := 2; ; id++ {
			info, err := tx.Page(id)
			if err != nil {
				return err
			}
			if info == nil {
				return nil
			}
			if info.Type == typ {
				leaves = append(leaves, id)
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return db.Info().PageSize, leaves
}

// overwrite fills the pages of the file at path with a pattern, as a disk
// or filesystem fault might.
func overwrite(t *testing.T, path string, pageSize int, pages ...int) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	junk := make([]byte, pageSize)
	for i := range junk {
		junk[i] = byte(i*7 + 13)
	}
	for _, p := range pages {
		if _, err := f.WriteAt(junk, int64(p)*int64(pageSize)); err != nil {
			t.Fatal(err)
		}
	}
}

// checkDamageError checks that err reports a damaged store: EINTERNAL,
// naming the file, and saying to restore a backup and run bbolt check.
func checkDamageError(t *testing.T, err error, path string) {
	t.Helper()
	if err == nil {
		t.Fatal("no error for a damaged store")
	}
	msg := err.Error()
	if store.ErrorCode(err) != store.EINTERNAL || !strings.Contains(msg, path) || !strings.Contains(msg, "backup") || !strings.Contains(msg, "bbolt check") {
		t.Fatalf("error = %v (code %s), want EINTERNAL naming %s, a backup and bbolt check", err, store.ErrorCode(err), path)
	}
}

// TestOpenDamagedPages overwrites two leaf pages in use of a real store
// file, each pair in turn along the file, and checks that Open refuses the
// file with a clear error, never a panic (bbolt alone panics on these
// files as soon as a read touches the pages).
func TestOpenDamagedPages(t *testing.T) {
	t.Parallel()
	clean := demoFile(t)
	pageSize, leaves := pagesInUse(t, clean)
	if len(leaves) < 4 {
		t.Fatalf("only %d leaf pages in the demo file", len(leaves))
	}
	data, err := os.ReadFile(clean)
	if err != nil {
		t.Fatal(err)
	}
	pairs := [][2]int{{leaves[0], leaves[1]}, {leaves[len(leaves)/2], leaves[len(leaves)/2+1]}, {leaves[len(leaves)-2], leaves[len(leaves)-1]}}
	for _, pair := range pairs {
		path := filepath.Join(t.TempDir(), "voicemap.db")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		overwrite(t, path, pageSize, pair[0], pair[1])
		s, err := boltstore.Open(context.Background(), path)
		if err == nil {
			s.Close()
			t.Fatalf("pages %v overwritten: Open succeeded", pair)
		}
		checkDamageError(t, err, path)
	}
}

// TestOpenDamagedFreelist overwrites the freelist page, which bbolt reads
// (and panics on) as it opens a file: Open refuses it before bbolt does.
func TestOpenDamagedFreelist(t *testing.T) {
	t.Parallel()
	path := demoFile(t)
	pageSize, freelist := pagesOfType(t, path, "freelist")
	if len(freelist) == 0 {
		t.Fatal("no freelist page in the demo file")
	}
	overwrite(t, path, pageSize, freelist[0])
	_, err := boltstore.Open(t.Context(), path)
	checkDamageError(t, err, path)
	// The file is not left locked by a half-opened database.
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := boltstore.Open(t.Context(), path, boltstore.WithTimeout(100*time.Millisecond))
	if err != nil {
		t.Fatalf("Open after the refusal: %v", err)
	}
	s.Close()
}

// TestDamageAfterOpen overwrites pages of a store file while it is open
// (bbolt maps the file, so the damage is visible at once) and checks that
// reads fail with an error naming the file instead of panicking.
func TestDamageAfterOpen(t *testing.T) {
	t.Parallel()
	path := demoFile(t)
	pageSize, leaves := pagesInUse(t, path)
	s, err := boltstore.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	overwrite(t, path, pageSize, leaves...)
	_, err = s.Snapshot(t.Context(), store.Scope{})
	checkDamageError(t, err, path)
}

// TestOpenZeroedMetaPage zeroes the meta page of the newest transaction
// of a real store file. bbolt opens such a file without a word, at the
// other meta page's older transaction: here the store before the demo was
// imported, with no people at all. Open must refuse it instead, naming the
// page and the transaction it would roll back to.
func TestOpenZeroedMetaPage(t *testing.T) {
	t.Parallel()
	path := demoFile(t)
	pageSize, _ := pagesInUse(t, path)
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var txid int
	_ = db.View(func(tx *bolt.Tx) error { txid = tx.ID(); return nil })
	db.Close()
	newest := txid % 2 // bbolt writes transaction n's meta to page n mod 2
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(make([]byte, pageSize), int64(newest*pageSize)); err != nil {
		t.Fatal(err)
	}
	f.Close()

	// What bbolt alone does: opens the older state silently.
	db, err = bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("bbolt refused the file itself (%v): the test no longer shows the silent rollback", err)
	}
	var olderTx int
	_ = db.View(func(tx *bolt.Tx) error { olderTx = tx.ID(); return nil })
	db.Close()
	if olderTx >= txid {
		t.Fatalf("bbolt opened transaction %d, want one older than %d", olderTx, txid)
	}

	s, err := boltstore.Open(t.Context(), path)
	if err == nil {
		c, _ := s.People(t.Context(), store.PeopleFilter{}, store.Page{First: 1})
		s.Close()
		t.Fatalf("Open of a file with a zeroed meta page succeeded (holding %d people)", c.TotalCount)
	}
	checkDamageError(t, err, path)
	if msg := err.Error(); !strings.Contains(msg, "meta page") || !strings.Contains(msg, "roll the store back") || !strings.Contains(msg, "bbolt compact") {
		t.Errorf("error = %v, want it to name the meta page, the rollback and bbolt compact", err)
	}

	// Both meta pages zeroed: not a store at all.
	f, _ = os.OpenFile(path, os.O_WRONLY, 0)
	_, _ = f.WriteAt(make([]byte, 2*pageSize), 0)
	f.Close()
	_, err = boltstore.Open(t.Context(), path)
	checkDamageError(t, err, path)
}

// TestOpenNotAStore checks a file that is not a bbolt file at all.
func TestOpenNotAStore(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "voicemap.db")
	if err := os.WriteFile(path, []byte(strings.Repeat("not a database\n", 1000)), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := boltstore.Open(t.Context(), path)
	checkDamageError(t, err, path)
}
