package boltstore

import (
	"bytes"
	"fmt"
)

// migrateChunk is how many index entries migrateTieEntries reads before
// writing them back (bbolt cursors must not move while their bucket
// changes).
const migrateChunk = 65_536

// migrateTieEntries gives the entry of every relationship under its From
// end in the relationships-by-actor index the relationship's compact form
// (format 1 to 2), in key order, in
// the opening transaction: the file is migrated whole or not at all.
func migrateTieEntries(t txn) error {
	idx := t.b(idxRelsActor)
	var after []byte
	for {
		var keys [][]byte
		c := idx.Cursor()
		k, _ := c.First()
		if after != nil {
			k, _ = c.Seek(after)
			if k != nil && bytes.Equal(k, after) {
				k, _ = c.Next()
			}
		}
		for ; k != nil && len(keys) < migrateChunk; k, _ = c.Next() {
			keys = append(keys, bytes.Clone(k))
		}
		if len(keys) == 0 {
			return nil
		}
		for _, key := range keys {
			actor, id, ok := bytes.Cut(key, []byte{0})
			if !ok {
				return fmt.Errorf("index key %q has no separator", key)
			}
			r, found, err := t.rel(string(id))
			if err != nil {
				return err
			}
			if !found {
				return fmt.Errorf("index key %q names no relationship", key)
			}
			if r.FromID != string(actor) {
				continue // the To end's entry keeps no value
			}
			if err := idx.Put(key, encTie(r)); err != nil {
				return err
			}
		}
		after = keys[len(keys)-1]
	}
}
