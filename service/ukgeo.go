package service

import (
	"context"
	"fmt"
	"strings"

	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/ukgeo"
)

// UKLoad configures LoadUK.
type UKLoad struct {
	// Areas names the parts of the UK to load, each by GSS code or by a
	// name or alias that names one area ("E12000007", "Greater London",
	// "Wales"); each comes with its ancestors and everything within it, so
	// "K02000001" (or "United Kingdom") loads the whole UK.
	Areas []string
	// Boundaries gives each place its built-in boundary (Place.Geometry).
	Boundaries bool
}

// LoadUK writes part of the built-in UK reference geography (package
// ukgeo) as ordinary places, all or nothing: for each area its name, code,
// parent, mid-2019 population, district need index and scale, and with
// opt.Boundaries its boundary. A stored place with the area's code
// (case-insensitively) is updated and keeps its id and population by
// group; any other area becomes a place whose id is its code. Loading the
// same part again changes nothing.
//
// Errors: EINVALID when no area is named, when a name is not one area's
// (unknown, or shared: the message lists the codes), or a code is no
// current area's; EINVALID when a code is carried by several stored places;
// the store's errors as they are. Admins only. The analyses of the places
// it touches are recomputed at their next request, as after Import.
func (s *Service) LoadUK(ctx context.Context, opt UKLoad) (store.ImportCounts, error) {
	return run(ctx, s, "LoadUK", func(a *access) (store.ImportCounts, error) {
		geo, err := ukgeo.Load()
		if err != nil {
			return store.ImportCounts{}, err
		}
		codes, err := ukAreaCodes(geo, opt.Areas)
		if err != nil {
			return store.ImportCounts{}, err
		}
		areas, err := geo.Select(codes...)
		if err != nil {
			return store.ImportCounts{}, store.Errorf(store.EINVALID, "%s", strings.TrimPrefix(err.Error(), "ukgeo: "))
		}
		lookup, err := s.codeLookup(ctx)
		if err != nil {
			return store.ImportCounts{}, err
		}
		ids := make(map[string]string, len(areas)) // area code → place id
		places := make([]store.Place, 0, len(areas))
		for _, ar := range areas {
			p, stored := lookup.find(ar.Code)
			if !stored {
				p = store.Place{ID: ar.Code}
			}
			ids[ar.Code] = p.ID
			p.Name, p.Code, p.ParentID = ar.Name, ar.Code, ids[ar.Parent]
			pop := ar.Population
			p.Population = &pop
			p.NeedIndex, p.NeedScale = ar.NeedIndex, ar.NeedScale
			if opt.Boundaries {
				g, err := store.NormalizeGeometry(geo.Geometry(ar.Code))
				if err != nil {
					return store.ImportCounts{}, fmt.Errorf("service: boundary of %s: %w", ar.Code, err)
				}
				p.Geometry = g
			}
			places = append(places, p)
		}
		if err := lookup.err("UK geography"); err != nil {
			return store.ImportCounts{}, err
		}
		return s.importBatch(ctx, a, store.Batch{Places: places})
	})
}

// ukAreaCodes turns the names of UKLoad.Areas into area codes.
func ukAreaCodes(geo *ukgeo.Geography, names []string) ([]string, error) {
	if len(names) == 0 {
		return nil, store.Errorf(store.EINVALID, "name the areas to load, by GSS code or name (for example E12000007 or London; K02000001 for the whole UK)")
	}
	var codes, problems []string
	for _, n := range names {
		n = strings.TrimSpace(n)
		if _, ok := geo.Area(n); ok {
			codes = append(codes, strings.ToUpper(n))
			continue
		}
		switch found := geo.Named(n); len(found) {
		case 1:
			codes = append(codes, found[0])
		case 0:
			problems = append(problems, fmt.Sprintf("%q is not the code, name or alias of a current UK area", n))
		default:
			problems = append(problems, fmt.Sprintf("%q names several areas (%s): give the code", n, strings.Join(found, ", ")))
		}
	}
	if len(problems) > 0 {
		e := store.Errorf(store.EINVALID, "UK geography: no area found for %d of the names given", len(problems))
		e.Details = problems
		return nil, e
	}
	return codes, nil
}
