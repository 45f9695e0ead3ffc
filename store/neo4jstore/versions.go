package neo4jstore

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/voicemap/voicemap/store"
)

// The versions (store.Versions) are (:CacheVersion {key, version}) nodes,
// one per key: "global", "erasures", and "place:" followed by a place's
// id. They are not (:Entity): nothing lists or exports them. A write sets
// its keys' version (creating the missing ones with MERGE on the unique
// key), in its own transaction, to one value drawn for it
// (store.NewVersion), so that concurrent writes need read nothing to
// change a version: whichever commits last leaves a version no server has
// seen with older data. On Neo4j the write lock on the global version
// serialises the commits of every write, from every server (writes are
// administrative and rare; README "Running at scale"). Open creates the global and
// erasure nodes, so that concurrent first writes do not race to create
// them (Neo4j serialises such MERGEs on the uniqueness constraint;
// NornicDB v1.2.0 fails all but one of them at commit instead).
const (
	aboveCypher = `MATCH (p:Place)-[:WITHIN*1..]->(a:Place) WHERE p.id IN $ids
RETURN DISTINCT a.id AS id`
	locationsCypher = `MATCH (n:Entity)-[:IN]->(p:Place) WHERE n.id IN $ids
RETURN n.id AS id, p.id AS placeId`
	// bumpCypher sets the versions that exist, and returns their keys;
	// bumpNewCypher creates the others (a place's first write). Two
	// statements rather than one MERGE: NornicDB v1.2.0 fails a MERGE
	// that matches a node another transaction has just set, at commit,
	// as if both had created it, so every concurrent write would be
	// tried again on the global version.
	bumpCypher = `MATCH (v:CacheVersion) WHERE v.key IN $keys
SET v.version = $version
RETURN v.key AS key`
	bumpNewCypher = `UNWIND $keys AS key
MERGE (v:CacheVersion {key: key})
SET v.version = $version`
	// versionsCypher is one index seek per key.
	versionsCypher = `MATCH (v:CacheVersion) WHERE v.key IN $keys
RETURN v.key AS key, v.version AS version`
	initVersionsCypher = `UNWIND ['global', 'erasures'] AS key
MERGE (:CacheVersion {key: key})`
)

// Version keys.
const (
	keyGlobal   = "global"
	keyErasures = "erasures"
	placePrefix = "place:"
)

func (s stored) Above(ctx context.Context, ids []string) ([]string, error) {
	recs, err := run(ctx, s.tx, aboveCypher, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	var d decoder
	out := make([]string, 0, len(recs))
	for _, rec := range recs {
		out = append(out, d.col(rec, "id"))
	}
	return out, d.err
}

func (s stored) Locations(ctx context.Context, ids []string) (map[string]string, error) {
	recs, err := run(ctx, s.tx, locationsCypher, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	var d decoder
	out := make(map[string]string, len(recs))
	for _, rec := range recs {
		out[d.col(rec, "id")] = d.col(rec, "placeId")
	}
	return out, d.err
}

func (s stored) Ends(ctx context.Context, rels, parts []string) (map[string][2]string, error) {
	out := make(map[string][2]string, len(rels)+len(parts))
	var d decoder
	for _, q := range []struct {
		cypher string
		ids    []string
	}{{tieEndsCypher, rels}, {partEndsCypher, parts}} {
		if len(q.ids) == 0 {
			continue
		}
		recs, err := run(ctx, s.tx, q.cypher, map[string]any{"ids": q.ids})
		if err != nil {
			return nil, err
		}
		for _, rec := range recs {
			out[d.col(rec, "id")] = [2]string{d.col(rec, "startId"), d.col(rec, "endId")}
		}
	}
	return out, d.err
}

var _ store.Placed = stored{}

// bump gives the global version, the versions of places and, for an
// erasure, the erasure version one new version, in tx.
func bump(ctx context.Context, tx neo4j.ManagedTransaction, places []string, erasure bool) error {
	keys := make([]string, 0, len(places)+2)
	keys = append(keys, keyGlobal)
	if erasure {
		keys = append(keys, keyErasures)
	}
	for _, p := range places {
		keys = append(keys, placePrefix+p)
	}
	version := store.NewVersion()
	recs, err := run(ctx, tx, bumpCypher, map[string]any{"keys": keys, "version": version})
	if err != nil {
		return err
	}
	set := make(map[string]bool, len(recs))
	var d decoder
	for _, rec := range recs {
		set[d.col(rec, "key")] = true
	}
	if d.err != nil {
		return d.err
	}
	var missing []string
	for _, k := range keys {
		if !set[k] {
			missing = append(missing, k)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	_, err = run(ctx, tx, bumpNewCypher, map[string]any{"keys": missing, "version": version})
	return err
}

// touched reads, in tx, the places the removal of rels, parts and located
// touches, and returns the function that bumps them once the removal is
// done.
func touched(ctx context.Context, tx neo4j.ManagedTransaction, rels, parts, located []string, erasure bool) (func() error, error) {
	places, err := store.TouchedByRemoval(ctx, stored{tx: tx, write: true}, rels, parts, located)
	if err != nil {
		return nil, err
	}
	return func() error { return bump(ctx, tx, places, erasure) }, nil
}

// Versions returns the global and erasure versions and those of places
// in one statement. It runs on the cluster's leader (writers routing),
// which holds every committed write: a version read from a follower could
// be older than a write another API server has acknowledged. Its
// bookmark then joins the driver's bookmark manager, which every later
// read of this store passes, so those reads (on followers) wait until
// their server has caught up with what this one saw.
func (s *Store) Versions(ctx context.Context, places []string) (store.Versions, error) {
	keys := make([]string, 0, len(places)+2)
	keys = append(keys, keyGlobal, keyErasures)
	for _, p := range places {
		keys = append(keys, placePrefix+p)
	}
	recs, err := s.write(ctx, "versions", "", versionsCypher, map[string]any{"keys": keys})
	if err != nil {
		return store.Versions{}, err
	}
	vs := store.Versions{Places: make(map[string]int64, len(places))}
	var d decoder
	for _, rec := range recs {
		key := d.col(rec, "key")
		v, _, err := neo4j.GetRecordValue[int64](rec, "version")
		if err != nil {
			return store.Versions{}, s.fail("versions", "", err)
		}
		switch {
		case key == keyGlobal:
			vs.Global = v
		case key == keyErasures:
			vs.Erasures = v
		case len(key) > len(placePrefix) && key[:len(placePrefix)] == placePrefix && v != 0:
			vs.Places[key[len(placePrefix):]] = v
		}
	}
	if d.err != nil {
		return store.Versions{}, s.fail("versions", "", d.err)
	}
	return vs, nil
}
