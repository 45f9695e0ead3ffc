package service

import (
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/voicemap/voicemap/interchange"
	"github.com/voicemap/voicemap/store"
)

// ImportPlaces reads a place-data CSV file (interchange.ParsePlacesCSV:
// code, name, parent code, population, need index and scale, population by
// group) and writes its places all or nothing, each row an upsert keyed by
// code against the stored places. The analyses of the places it touches
// are recomputed at their next request, as after Import.
//
// It returns EINVALID, with Details naming the line and column of every
// problem, for a file that cannot be imported whole, and also when a code in
// the file is carried by more than one stored place (which one to update
// would be a guess). The store's Import may return ECONFLICT (a parent
// cycle through stored places) or ENOTFOUND. Nothing is written on error.
func (s *Service) ImportPlaces(ctx context.Context, r io.Reader) (store.ImportCounts, error) {
	return run(ctx, s, "ImportPlaces", func(a *access) (store.ImportCounts, error) {
		lookup, err := s.codeLookup(ctx)
		if err != nil {
			return store.ImportCounts{}, err
		}
		places, err := interchange.ParsePlacesCSV(r, lookup.find)
		if err != nil {
			return store.ImportCounts{}, err
		}
		if err := lookup.err("place data CSV"); err != nil {
			return store.ImportCounts{}, err
		}
		return s.importBatch(ctx, a, store.Batch{Places: places})
	})
}

// ImportBoundaries reads a GeoJSON FeatureCollection of boundaries keyed by
// place code (interchange.ParseBoundaries; codeProperty names the property
// holding the code, "" to detect it) and gives each stored place with a
// code in the file that boundary, all or nothing; nothing else of the
// places changes. Errors: EINVALID with a detail per problem (an unknown
// code, an invalid geometry, ...), and when a code is carried by several
// stored places; the store's errors as they are. The analyses of the
// places it touches are recomputed at their next request, as after Import.
func (s *Service) ImportBoundaries(ctx context.Context, r io.Reader, codeProperty string) (store.ImportCounts, error) {
	return run(ctx, s, "ImportBoundaries", func(a *access) (store.ImportCounts, error) {
		lookup, err := s.codeLookup(ctx)
		if err != nil {
			return store.ImportCounts{}, err
		}
		places, err := interchange.ParseBoundaries(r, lookup.find, codeProperty)
		if err != nil {
			return store.ImportCounts{}, err
		}
		if err := lookup.err("GeoJSON boundaries"); err != nil {
			return store.ImportCounts{}, err
		}
		return s.importBatch(ctx, a, store.Batch{Places: places})
	})
}

// codeLookup finds stored places by code, noting codes that several
// stored places carry.
type codeLookup struct {
	byCode    map[string][]store.Place
	ambiguous map[string][]string
}

// codeLookup indexes the stored places by code.
func (s *Service) codeLookup(ctx context.Context) (*codeLookup, error) {
	byCode, err := s.placesByCode(ctx)
	if err != nil {
		return nil, err
	}
	return &codeLookup{byCode: byCode, ambiguous: map[string][]string{}}, nil
}

// find is an interchange.PlaceLookup: the first stored place with code.
func (l *codeLookup) find(code string) (store.Place, bool) {
	found := l.byCode[strings.ToLower(code)]
	if len(found) == 0 {
		return store.Place{}, false
	}
	if len(found) > 1 {
		for _, p := range found {
			l.ambiguous[code] = append(l.ambiguous[code], p.ID)
		}
	}
	return found[0], true
}

// err refuses a file of the given format that used a code several stored
// places carry (which one to update would be a guess); nil otherwise.
func (l *codeLookup) err(format string) error {
	if len(l.ambiguous) == 0 {
		return nil
	}
	e := store.Errorf(store.EINVALID, "%s refused: %d codes are carried by several stored places, nothing imported", format, len(l.ambiguous))
	for _, code := range slices.Sorted(maps.Keys(l.ambiguous)) {
		ids := slices.Compact(slices.Sorted(slices.Values(l.ambiguous[code])))
		e.Details = append(e.Details, fmt.Sprintf("code %q is the code of stored places %s; give each place its own code first", code, quoteAll(ids)))
	}
	return e
}

// ImportKumu reads a network exported from or written for Kumu, as the CSV
// form of its elements and connections sheets (interchange.ParseKumu;
// connections may be nil), and writes its people, organisations and
// relationships all or nothing. placeID is the place of elements without a
// Place column value. The analyses of the places it touches are recomputed
// at their next request, as after Import.
// Importing the same files again writes the same ids: it is idempotent.
//
// It returns EINVALID, with Details naming the file, line and column of
// every problem, for files that cannot be imported whole; the store's
// Import returns ENOTFOUND for a place that does not exist and ECONFLICT for
// an id already used by an entity of another kind. Nothing is written on
// error.
func (s *Service) ImportKumu(ctx context.Context, elements, connections io.Reader, placeID string) (store.ImportCounts, error) {
	return run(ctx, s, "ImportKumu", func(a *access) (store.ImportCounts, error) {
		b, err := interchange.ParseKumu(elements, connections, placeID)
		if err != nil {
			return store.ImportCounts{}, err
		}
		return s.importBatch(ctx, a, b)
	})
}

// ImportNetwork reads a GraphML or voicemap JSON document from r, at most
// interchange.MaxDocumentSize bytes (interchange.Parse), and writes it all
// or nothing. placeID is the place of the actors and forums the document
// leaves without one. The document is read only once the principal is
// authorized. The analyses of the places it touches are recomputed at
// their next request, as after Import.
//
// It returns EINVALID, with Details naming every problem, for a document
// that cannot be imported whole or is too large, and the store's Import
// errors. Nothing is written on error.
func (s *Service) ImportNetwork(ctx context.Context, format interchange.Format, r io.Reader, placeID string) (store.ImportCounts, error) {
	return run(ctx, s, "ImportNetwork", func(a *access) (store.ImportCounts, error) {
		data, err := io.ReadAll(io.LimitReader(r, interchange.MaxDocumentSize+1))
		if err != nil {
			return store.ImportCounts{}, fmt.Errorf("service: read %s document: %w", format, err)
		}
		b, err := interchange.Parse(format, data, placeID)
		if err != nil {
			return store.ImportCounts{}, err
		}
		return s.importBatch(ctx, a, b)
	})
}

// placesByCode lists every stored place carrying a code, by its code in
// lower case, paging through Store.Places.
func (s *Service) placesByCode(ctx context.Context) (map[string][]store.Place, error) {
	out := map[string][]store.Place{}
	page := store.Page{First: store.MaxPageSize}
	for {
		conn, err := s.st.Places(ctx, store.PlaceFilter{}, page)
		if err != nil {
			return nil, err
		}
		for _, p := range conn.Items {
			if p.Code != "" {
				k := strings.ToLower(p.Code)
				out[k] = append(out[k], p)
			}
		}
		if !conn.HasNextPage || conn.EndCursor == "" {
			return out, nil
		}
		page.After = conn.EndCursor
	}
}

// quoteAll quotes ids and joins them with commas.
func quoteAll(ids []string) string {
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = fmt.Sprintf("%q", id)
	}
	return strings.Join(q, ", ")
}
