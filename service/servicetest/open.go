package servicetest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/voicemap/voicemap/store/boltstore"
)

// MustOpenStore opens an empty embedded store in a temporary directory and
// closes it when the test ends.
func MustOpenStore(tb testing.TB) *boltstore.Store {
	tb.Helper()
	st, err := boltstore.Open(context.Background(), filepath.Join(tb.TempDir(), "voicemap.db"))
	if err != nil {
		tb.Fatalf("boltstore.Open: %v", err)
	}
	tb.Cleanup(func() {
		if err := st.Close(); err != nil {
			tb.Errorf("close store: %v", err)
		}
	})
	return st
}
