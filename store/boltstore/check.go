package boltstore

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"runtime/debug"

	bolt "go.etcd.io/bbolt"

	"github.com/voicemap/voicemap/store"
)

// A store file is checked when it is opened, before anything is read from
// it, because bbolt trusts its file: a page overwritten by a disk or
// filesystem fault makes it panic (an assertion) or fault deep in a read,
// and a damaged meta page makes it fall back, silently, to the other one,
// which may be many writes older, even the empty store of the first
// transaction. Two checks:
//
//   - checkMeta reads the two meta pages (bbolt's layout, below) and
//     refuses a file in which either is invalid, or whose freelist page
//     (which bbolt reads, unchecked, as it opens the file) is damaged.
//   - checkPages reads every page of every bucket once, in a transaction
//     whose panics and memory faults are recovered, so a damaged page is an
//     error at start rather than a crash in the middle of a request.
//
// Both errors name the file and say what to do (corruptAdvice).

// metaMagic, metaVersion, metaPageFlag and the offsets below follow bbolt's
// on-disk format (go.etcd.io/bbolt/internal/common: page.go and meta.go):
// a page starts with a 16-byte header (id uint64, flags uint16, count
// uint16, overflow uint32); a meta page's body holds magic, version,
// pageSize and flags (uint32 each), the root bucket (root and sequence,
// uint64 each), freelist, pgid, txid and checksum (uint64 each), in the
// machine's byte order, the checksum being FNV-1a 64 of the body before it.
const (
	metaMagic        = 0xED0CDAED
	metaVersion      = 2
	metaPageFlag     = 0x04
	freelistPageFlag = 0x10
	noFreelist       = 0xFFFFFFFFFFFFFFFF
	pageHeaderSize   = 16
	metaSize         = 64
	metaChecksumFrom = 56 // the checksum covers the body's bytes before it
)

// meta is what checkMeta reads of a meta page.
type meta struct {
	pageSize       uint32
	root, freelist uint64 // page ids
	pgid           uint64 // the high-water mark: pages in use are below it
	txid           uint64
}

// readMeta reads the meta page at offset of f; ok is false when it is not
// a valid meta page.
func readMeta(f *os.File, offset int64) (m meta, ok bool) {
	var buf [pageHeaderSize + metaSize]byte
	if _, err := f.ReadAt(buf[:], offset); err != nil {
		return meta{}, false
	}
	ne := binary.NativeEndian
	body := buf[pageHeaderSize:]
	h := fnv.New64a()
	h.Write(body[:metaChecksumFrom])
	if ne.Uint16(buf[8:10])&metaPageFlag == 0 || ne.Uint32(body[0:4]) != metaMagic ||
		ne.Uint32(body[4:8]) != metaVersion || ne.Uint64(body[metaChecksumFrom:]) != h.Sum64() {
		return meta{}, false
	}
	return meta{pageSize: ne.Uint32(body[8:12]), root: ne.Uint64(body[16:24]), freelist: ne.Uint64(body[32:40]),
		pgid: ne.Uint64(body[40:48]), txid: ne.Uint64(body[48:56])}, true
}

// checkFreelist checks the freelist page of m, as bbolt's freelist reader
// would need it (go.etcd.io/bbolt/internal/freelist and common/page.go): a
// page flagged freelist whose count (or, when the count is 0xFFFF, its
// first element) fits in the page and its overflow, listing page ids
// between 2 and the high-water mark. It returns what is wrong, "" when
// nothing is.
func checkFreelist(f *os.File, m meta, fileSize int64) string {
	if m.root < 2 || m.root >= m.pgid || int64(m.pgid)*int64(m.pageSize) > fileSize {
		return fmt.Sprintf("the root page %d or the high-water mark %d lies outside the file", m.root, m.pgid)
	}
	if m.freelist == noFreelist {
		return ""
	}
	if m.freelist < 2 || m.freelist >= m.pgid {
		return fmt.Sprintf("the freelist page %d lies outside the pages in use", m.freelist)
	}
	ne := binary.NativeEndian
	var head [pageHeaderSize + 8]byte
	off := int64(m.freelist) * int64(m.pageSize)
	if _, err := f.ReadAt(head[:], off); err != nil {
		return fmt.Sprintf("the freelist page %d cannot be read", m.freelist)
	}
	if ne.Uint16(head[8:10]) != freelistPageFlag {
		return fmt.Sprintf("page %d is not the freelist the meta page says it is", m.freelist)
	}
	first, count := int64(0), int64(ne.Uint16(head[10:12]))
	if count == 0xFFFF {
		first, count = 1, int64(ne.Uint64(head[pageHeaderSize:]))
	}
	span := (int64(ne.Uint32(head[12:16])) + 1) * int64(m.pageSize)
	if count < 0 || (first+count)*8 > span-pageHeaderSize || off+span > fileSize {
		return fmt.Sprintf("the freelist page %d holds an impossible count", m.freelist)
	}
	ids := make([]byte, count*8)
	if _, err := f.ReadAt(ids, off+pageHeaderSize+first*8); err != nil {
		return fmt.Sprintf("the freelist page %d cannot be read", m.freelist)
	}
	for i := 0; i < len(ids); i += 8 {
		if id := ne.Uint64(ids[i:]); id < 2 || id >= m.pgid {
			return fmt.Sprintf("the freelist page %d lists page %d, outside the pages in use", m.freelist, id)
		}
	}
	return ""
}

// corruptAdvice is what a damaged store's error tells the operator to do.
func corruptAdvice(path string) string {
	return fmt.Sprintf("restore %s from a backup; `bbolt check %s` lists the damage (the bbolt command: go install go.etcd.io/bbolt/cmd/bbolt@v1.4.3)", path, path)
}

// checkMeta refuses a store file whose meta pages are not both valid (a
// missing or empty file, which bbolt initialises, is fine). The second
// meta page is looked for, as bbolt does, at every power-of-two page size
// from 1 KiB when the first cannot say the size.
func checkMeta(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("boltstore: open %q: %w", path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("boltstore: open %q: %w", path, err)
	}
	if fi.Size() == 0 {
		return nil
	}
	m0, ok0 := readMeta(f, 0)
	var m1 meta
	ok1 := false
	if ok0 {
		m1, ok1 = readMeta(f, int64(m0.pageSize))
	} else {
		for size := int64(1024); size < fi.Size() && size <= 16<<20; size *= 2 {
			if m, ok := readMeta(f, size); ok && int64(m.pageSize) == size {
				m1, ok1 = m, true
				break
			}
		}
	}
	switch {
	case ok0 && ok1:
		newest := m0
		if m1.txid > m0.txid {
			newest = m1
		}
		if problem := checkFreelist(f, newest, fi.Size()); problem != "" {
			return store.Errorf(store.EINTERNAL, "boltstore: %s is damaged: %s; %s", path, problem, corruptAdvice(path))
		}
		return nil
	case !ok0 && !ok1:
		return store.Errorf(store.EINTERNAL, "boltstore: %s is not a usable store: neither of its two meta pages is valid (not a voicemap store, or badly damaged); %s", path, corruptAdvice(path))
	}
	bad, good, m := 0, 1, m1
	if ok0 {
		bad, good, m = 1, 0, m0
	}
	return store.Errorf(store.EINTERNAL,
		"boltstore: %s is damaged: meta page %d is invalid (zeroed or overwritten) while meta page %d holds transaction %d; "+
			"opening it would silently roll the store back to that transaction, losing every later write (possibly all of them). "+
			"%s. To accept the state of transaction %d instead, copy it with `bbolt compact -o %s.recovered %s`, check the copy with `bbolt check`, and use it",
		path, bad, good, m.txid, corruptAdvice(path), m.txid, path, path)
}

// guard runs fn, turning a panic or a memory fault in it (bbolt reading a
// damaged page) into an EINTERNAL error naming the file.
func guard(path, doing string, fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if v := recover(); v != nil {
			err = store.Errorf(store.EINTERNAL, "boltstore: %s failed (%v): %s may be corrupt; %s", doing, v, path, corruptAdvice(path))
		}
	}()
	return fn()
}

// checkPages reads every key and value of every bucket of db, nested ones
// included, so that every branch, leaf and overflow page in use is read
// once; a damaged one panics or faults inside guard.
func checkPages(path string, db *bolt.DB) error {
	return guard(path, "reading every page to check the file", func() error {
		return db.View(func(tx *bolt.Tx) error {
			return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
				return walkBucket(b, io.Discard)
			})
		})
	})
}

// walkBucket reads every pair of b and its nested buckets, writing the
// values' lengths to w (so the reads cannot be optimised away).
func walkBucket(b *bolt.Bucket, w io.Writer) error {
	c := b.Cursor()
	var n int
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if v == nil {
			if nb := b.Bucket(k); nb != nil {
				if err := walkBucket(nb, w); err != nil {
					return err
				}
			}
			continue
		}
		n += len(v)
		if len(v) > 0 {
			n += int(v[len(v)-1]) // touch the last byte, on an overflow page for a large value
		}
	}
	_, err := fmt.Fprint(w, n)
	return err
}
