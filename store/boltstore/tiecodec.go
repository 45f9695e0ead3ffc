package boltstore

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/voicemap/voicemap/store"
)

// The relationships-by-actor index (idxRelsActor) keys every relationship
// under both its ends ("actor\x00relationship"); since format 2 the entry
// under its From end holds the relationship's compact form as its value
// (the entry under its To end has none), so that a network is read from
// the index alone, without decoding a relationship record per tie
// (Network):
//
//	flags   1 byte: tieOut (always set), tieSince / tieUntil when the date
//	        is set
//	kind    1 byte: the index of the kind in store.RelKinds
//	weight  8 bytes: IEEE 754 binary64, little-endian
//	since   varint day number (store.DayNumber), when tieSince
//	until   varint day number, when tieUntil
//	other   the rest: the id of the To end
const (
	tieOut   = 1
	tieSince = 2
	tieUntil = 4
)

// encTie returns the index value of r under its From end.
func encTie(r store.Relationship) []byte {
	kind, _ := store.RelKindIndex(r.Kind)
	other := r.ToID
	var flags byte = tieOut
	if r.Since != nil {
		flags |= tieSince
	}
	if r.Until != nil {
		flags |= tieUntil
	}
	v := make([]byte, 0, 10+2*binary.MaxVarintLen32+len(other))
	v = append(v, flags, kind)
	v = binary.LittleEndian.AppendUint64(v, math.Float64bits(r.Weight))
	if r.Since != nil {
		v = binary.AppendVarint(v, int64(store.DayNumber(r.Since)))
	}
	if r.Until != nil {
		v = binary.AppendVarint(v, int64(store.DayNumber(r.Until)))
	}
	return append(v, other...)
}

// tieEnd is a decoded index value; other aliases the value's bytes.
type tieEnd struct {
	out   bool
	tie   store.Tie // without From and To
	other []byte
}

// decTieEnd decodes an index value written by encTieEnd.
func decTieEnd(v []byte) (tieEnd, error) {
	if len(v) < 10 {
		return tieEnd{}, fmt.Errorf("tie entry of %d bytes", len(v))
	}
	flags := v[0]
	e := tieEnd{out: flags&tieOut != 0, tie: store.Tie{Kind: v[1], Since: store.NoDay, Until: store.NoDay,
		Weight: math.Float64frombits(binary.LittleEndian.Uint64(v[2:10]))}}
	if int(e.tie.Kind) >= len(store.RelKinds) {
		return tieEnd{}, fmt.Errorf("tie entry of unknown kind %d", e.tie.Kind)
	}
	rest := v[10:]
	for _, d := range []struct {
		flag byte
		dst  *int32
	}{{tieSince, &e.tie.Since}, {tieUntil, &e.tie.Until}} {
		if flags&d.flag == 0 {
			continue
		}
		day, n := binary.Varint(rest)
		if n <= 0 || day < math.MinInt32+1 || day > math.MaxInt32 {
			return tieEnd{}, fmt.Errorf("tie entry with a bad date")
		}
		*d.dst, rest = int32(day), rest[n:]
	}
	e.other = rest
	return e, nil
}
