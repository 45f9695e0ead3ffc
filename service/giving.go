package service

// The 360Giving import: a file of grants, in the JSON package form or the
// flat CSV form, read by package giving and written by Store.ImportGrants
// as one batch, all or nothing.
//
// The file is streamed: it is never held in memory, only the compact batch
// built from it (one store.Grant per grant, and the organisations and
// places the file creates), so memory grows with the number of grants, not
// with the size of the file. Funders and recipients become organisations
// keyed by their organisation identifiers; beneficiary locations become
// places, matched by geographic code or by name (givingplaces.go).

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/voicemap/voicemap/interchange/giving"
	"github.com/voicemap/voicemap/store"
)

// GivingForm is the form of a 360Giving file.
type GivingForm string

// The forms of a 360Giving file: the JSON package ({"grants": [...]}) and
// the flat CSV of the 360Giving spreadsheet template.
const (
	GivingJSON GivingForm = "json"
	GivingCSV  GivingForm = "csv"
)

// GivingImport configures ImportGiving.
type GivingImport struct {
	Form GivingForm
	// PlaceID locates the organisations the file creates (funders and recipients
	// not yet stored). Required when the file creates any; else ignored.
	PlaceID string
	// Progress, when set, is called with the number of grants read so far, every 1,000 grants and once at the end.
	Progress func(grants int)
}

// givingProgressEvery is how many grants ImportGiving reads between two
// calls of GivingImport.Progress (and two checks of the context).
const givingProgressEvery = 1000

// actorsChunk is how many ids one ActorsByID call asks for.
const actorsChunk = 500

// ImportGiving reads a 360Giving file from r and writes its grants, with
// the organisations and places they need, in one Store.ImportGrants: all or
// nothing. The file is streamed; memory grows with the number of grants,
// not with the file size.
//
// Organisations are keyed by their organisation identifier (for example
// "GB-CHC-1234567"), named as the file names them. An organisation already
// stored keeps its stored name, kind and place. A new funder gets kind
// FUNDER; a new organisation that only receives gets kind VOLUNTARY (the
// file does not say more; it can be changed later); one that both funds and
// receives in the file is a FUNDER. New organisations are located at
// opt.PlaceID. A stored organisation used as a funder must be of kind
// FUNDER.
//
// A beneficiary location matches a place stored or created earlier in the
// file whose Code equals its geographic code (case-insensitively); a
// location with only a name matches the one place whose name equals it
// (case-insensitively), if exactly one does. Otherwise a top-level place is
// created, with id the geographic code (or "place-" and a lower-case slug
// of the name), the location's name (or the code) as its name, and the
// code as its Code; a place-data import can set its parent later.
//
// Errors: EINVALID for an unknown form; the parser's EINVALID error (with
// one detail per problem, naming its row and field) as it is; EINVALID
// when the file would create organisations and opt.PlaceID is empty;
// ENOTFOUND when opt.PlaceID names no place; EINVALID whose Details name
// the row and field of every grant that refers to a stored entity it
// cannot use (a funder not of kind FUNDER, a person as a funder or
// recipient, an id used by another kind); and the store's errors as they
// are. On success every cached analysis is invalidated.
func (s *Service) ImportGiving(ctx context.Context, r io.Reader, opt GivingImport) (store.GrantCounts, error) {
	return run(ctx, s, "ImportGiving", func(*access) (store.GrantCounts, error) {
		return s.importGiving(ctx, r, opt)
	})
}

func (s *Service) importGiving(ctx context.Context, r io.Reader, opt GivingImport) (store.GrantCounts, error) {
	var parse func(io.Reader, func(giving.Grant) error) error
	var names givingNames
	switch opt.Form {
	case GivingJSON:
		parse, names = giving.ParseJSON, givingJSONNames
	case GivingCSV:
		parse, names = giving.ParseCSV, givingCSVNames
	default:
		return store.GrantCounts{}, store.Errorf(store.EINVALID, "360Giving form %q is not %q or %q", opt.Form, GivingJSON, GivingCSV)
	}
	stored, err := s.allPlaces(ctx)
	if err != nil {
		return store.GrantCounts{}, err
	}
	imp := &givingImport{names: names, places: newPlaceIndex(stored), orgs: map[string]*givingOrg{}}
	err = parse(r, func(g giving.Grant) error {
		imp.add(g)
		if n := len(imp.grants); n%givingProgressEvery == 0 {
			if opt.Progress != nil {
				opt.Progress(n)
			}
			return ctx.Err()
		}
		return nil
	})
	if err != nil {
		return store.GrantCounts{}, err
	}
	if opt.Progress != nil {
		opt.Progress(len(imp.grants))
	}
	b, err := imp.batch(ctx, s.st, opt.PlaceID)
	if err != nil {
		return store.GrantCounts{}, err
	}
	n, err := s.st.ImportGrants(ctx, b)
	if err != nil {
		return n, err
	}
	s.nets.invalidateAll()
	s.cache.invalidateAll()
	return n, nil
}

// givingNames names the fields a problem refers to, as a form writes them.
type givingNames struct {
	row                   func(row int) string
	funder, recipient     string
	location              func(i int) string
	locationName, locCode string
}

var (
	givingCSVNames = givingNames{
		row:    func(line int) string { return "line " + strconv.Itoa(line) + ", " },
		funder: "Funding Org:Identifier", recipient: "Recipient Org:Identifier",
		location:     func(i int) string { return "Beneficiary Location:" + strconv.Itoa(i) },
		locationName: ":Name", locCode: ":Geographic Code",
	}
	givingJSONNames = givingNames{
		row:    func(i int) string { return "grants[" + strconv.Itoa(i) + "]." },
		funder: "fundingOrganization[0].id", recipient: "recipientOrganization[0].id",
		location:     func(i int) string { return "beneficiaryLocation[" + strconv.Itoa(i) + "]" },
		locationName: ".name", locCode: ".geoCode",
	}
)

// givingOrg is an organisation a file names: its name where first named,
// its roles, where it is first named (firstRow, firstField) and the rows of
// the grants it funds.
type givingOrg struct {
	id, name        string
	funds, receives bool
	firstRow        int
	firstField      string
	fundRows        []int32 // the rows of the grants it funds
}

// givingImport is the batch being built from one file.
type givingImport struct {
	names  givingNames
	places *placeIndex
	orgs   map[string]*givingOrg
	grants []store.Grant
	probs  givingProblems
}

// org records the organisation o at row in field, returning its id as
// the map holds it, so that every grant shares one string.
func (imp *givingImport) org(o giving.Org, row int, field string) (string, *givingOrg) {
	if g, ok := imp.orgs[o.ID]; ok {
		return g.id, g
	}
	g := &givingOrg{id: o.ID, name: o.Name, firstRow: row, firstField: field}
	imp.orgs[o.ID] = g
	return g.id, g
}

// add turns one grant of the file into a store.Grant, its organisations
// and its places.
func (imp *givingImport) add(g giving.Grant) {
	row := g.Row
	fid, f := imp.org(g.FundingOrg, row, imp.names.funder)
	f.funds = true
	f.fundRows = append(f.fundRows, int32(row))
	rid, rc := imp.org(g.RecipientOrg, row, imp.names.recipient)
	rc.receives = true
	var placeIDs []string
	for i, loc := range g.Beneficiaries {
		id, created, msg := imp.places.locate(loc)
		if msg != "" || created {
			field := imp.names.location(i) + imp.names.locationName
			if loc.GeoCode != "" {
				field = imp.names.location(i) + imp.names.locCode
			}
			if msg != "" {
				imp.probs.add(imp.names.row(row) + field + ": " + msg)
				continue
			}
			imp.places.origin[id] = imp.names.row(row) + field + ": "
		}
		placeIDs = append(placeIDs, id)
	}
	imp.grants = append(imp.grants, store.Grant{
		ID: g.ID, Title: g.Title, Description: g.Description, Amount: g.Amount, Currency: g.Currency,
		AwardedOn: g.AwardDate, FunderID: fid, RecipientID: rid, PlaceIDs: placeIDs, Programme: g.Programme,
	})
}

// batch resolves the organisations of the file against the store and
// returns the batch to write, or the problems found.
func (imp *givingImport) batch(ctx context.Context, st store.Store, placeID string) (store.GrantBatch, error) {
	ids := make([]string, 0, len(imp.orgs))
	for id := range imp.orgs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	actors, err := actorsByID(ctx, st, ids)
	if err != nil {
		return store.GrantBatch{}, err
	}
	var b store.GrantBatch
	for _, id := range ids {
		o := imp.orgs[id]
		at := imp.names.row(o.firstRow) + o.firstField + ": "
		a, stored := actors[id]
		switch {
		case stored && a.Person != nil:
			imp.probs.add(fmt.Sprintf("%sorganisation %q: the id is a person's, not an organisation's", at, id))
		case stored && o.funds && a.Organisation.Kind != store.OrgFunder:
			for _, row := range o.fundRows {
				imp.probs.add(fmt.Sprintf("%s%s: organisation %q exists with kind %s; a funder must be of kind %s",
					imp.names.row(int(row)), imp.names.funder, id, a.Organisation.Kind, store.OrgFunder))
			}
		case stored:
		case imp.places.has(id):
			imp.probs.add(fmt.Sprintf("%sorganisation %q: the id is a place's, not an organisation's", at, id))
		default:
			kind := store.OrgVoluntary
			if o.funds {
				kind = store.OrgFunder
			}
			b.Organisations = append(b.Organisations, store.Organisation{ID: id, Name: o.name, Kind: kind, PlaceID: placeID})
		}
		o.fundRows = nil
	}
	// Created places must not take the id of a stored entity or of a grant
	// or organisation of the file.
	for _, p := range imp.places.created {
		k, err := st.Kind(ctx, p.ID)
		switch {
		case store.ErrorCode(err) == store.ENOTFOUND:
		case err != nil:
			return store.GrantBatch{}, err
		default:
			imp.probs.add(fmt.Sprintf("%splace %q for %s: the id is already used by a %s", imp.places.origin[p.ID], p.ID, imp.places.label(p), k))
			continue
		}
		if _, ok := imp.orgs[p.ID]; ok {
			imp.probs.add(fmt.Sprintf("%splace %q for %s: the id is an organisation's in this file", imp.places.origin[p.ID], p.ID, imp.places.label(p)))
		}
	}
	if len(imp.places.created) > 0 {
		for _, g := range imp.grants {
			if _, ok := imp.places.origin[g.ID]; ok {
				imp.probs.add(fmt.Sprintf("%splace %q: the id is a grant's in this file", imp.places.origin[g.ID], g.ID))
			}
		}
	}
	if len(b.Organisations) > 0 && placeID == "" {
		msg := fmt.Sprintf("placeId is required: the file creates %d organisations", len(b.Organisations))
		if imp.probs.count == 0 {
			return store.GrantBatch{}, store.Errorf(store.EINVALID, "%s", msg)
		}
		imp.probs.add(msg)
	}
	if err := imp.probs.err(); err != nil {
		return store.GrantBatch{}, err
	}
	if len(b.Organisations) > 0 && !imp.places.has(placeID) {
		return store.GrantBatch{}, store.Errorf(store.ENOTFOUND, "placeId %q names no place", placeID)
	}
	b.Places = imp.places.created
	b.Grants = imp.grants
	return b, nil
}

// actorsByID reads the actors with the given ids in chunks.
func actorsByID(ctx context.Context, st store.Store, ids []string) (map[string]store.Actor, error) {
	out := make(map[string]store.Actor)
	for start := 0; start < len(ids); start += actorsChunk {
		m, err := st.ActorsByID(ctx, ids[start:min(start+actorsChunk, len(ids))])
		if err != nil {
			return nil, err
		}
		for id, a := range m {
			out[id] = a
		}
	}
	return out, nil
}

// givingProblems collects the problems of an import, the first
// giving.MaxProblems in full, as the parsers do.
type givingProblems struct {
	list  []string
	count int
}

func (p *givingProblems) add(msg string) {
	p.count++
	if len(p.list) < giving.MaxProblems {
		p.list = append(p.list, msg)
	}
}

// err returns the problems as one EINVALID error, nil if there are none.
func (p *givingProblems) err() error {
	if p.count == 0 {
		return nil
	}
	details := slices.Clone(p.list)
	if p.count > len(p.list) {
		details = append(details, fmt.Sprintf("... and %d more", p.count-len(p.list)))
	}
	noun := "problems"
	if p.count == 1 {
		noun = "problem"
	}
	e := store.Errorf(store.EINVALID, "360Giving file refused: %d %s found, nothing imported", p.count, noun)
	e.Details = details
	return e
}
