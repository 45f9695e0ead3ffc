package boltstore

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// SetBulk sets the size from which an import is written as a bulk import
// and the puts of each of its transactions, for a test; the returned
// function restores them.
func SetBulk(fromElements, txPuts int) (restore func()) {
	f, p := bulkFromElements, bulkTxPuts
	bulkFromElements, bulkTxPuts = fromElements, txPuts
	return func() { bulkFromElements, bulkTxPuts = f, p }
}

// PutFloor writes every key and value of every bucket of the store file
// src into a new bbolt file dst as a bulk import writes its copy
// (writeCopy): in key order, bulkTxPuts puts a transaction, pages filled
// to bulkFill, no fsync until one at the end. It is bbolt's own cost for
// what an import of src's content writes, with none of voicemap's
// parsing, checking or encoding (BenchmarkBoltPutFloor). It returns the
// puts made.
func PutFloor(src, dst string) (puts int, err error) {
	in, err := bolt.Open(src, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		return 0, err
	}
	defer in.Close()
	out, err := bolt.Open(dst, 0o600, &bolt.Options{InitialMmapSize: initialMmapSize, NoSync: true})
	if err != nil {
		return 0, err
	}
	defer out.Close()
	wtx, err := out.Begin(true)
	if err != nil {
		return 0, err
	}
	defer func() {
		if wtx != nil {
			_ = wtx.Rollback()
		}
	}()
	err = in.View(func(rtx *bolt.Tx) error {
		return rtx.ForEach(func(name []byte, src *bolt.Bucket) error {
			var b *bolt.Bucket // name's bucket in wtx
			return src.ForEach(func(k, v []byte) error {
				if v == nil { // a nested bucket: not part of the store's format
					return fmt.Errorf("bucket %q holds a nested bucket %q", name, k)
				}
				if b == nil {
					var err error
					if b, err = wtx.CreateBucketIfNotExists(name); err != nil {
						return err
					}
					b.FillPercent = bulkFill
				}
				if err := b.Put(k, v); err != nil {
					return err
				}
				if puts++; puts%bulkTxPuts == 0 {
					if err := wtx.Commit(); err != nil {
						wtx = nil
						return err
					}
					var err error
					if wtx, err = out.Begin(true); err != nil {
						return err
					}
					b = nil
				}
				return nil
			})
		})
	})
	if err != nil {
		return puts, err
	}
	err = wtx.Commit()
	wtx = nil
	if err != nil {
		return puts, err
	}
	return puts, out.Sync()
}
