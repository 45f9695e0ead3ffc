package service

// The 360Giving import: a file of grants, in the JSON package form or the
// flat CSV form, read by package giving and written by Store.ImportGrants
// as one batch, all or nothing.
//
// The file is streamed: it is never held in memory, only the compact batch
// built from it (one store.Grant per grant, and the organisations it
// creates or renames), so memory grows with the number of grants, not
// with the size of the file. Funders and recipients become organisations
// keyed by their organisation identifiers; beneficiary locations are
// matched to stored places (givingplaces.go) and never create one.

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/voicemap/voicemap/interchange/giving"
	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/ukgeo"
)

// GivingForm is the form of a 360Giving file.
type GivingForm string

// The forms of a 360Giving file: the JSON package ({"grants": [...]}) and
// the flat CSV of the 360Giving spreadsheet template.
const (
	GivingJSON GivingForm = "json"
	GivingCSV  GivingForm = "csv"
	// GivingXLSX is an Excel workbook whose first sheet is laid out as the
	// flat CSV.
	GivingXLSX GivingForm = "xlsx"
)

// GivingImport configures ImportGiving.
type GivingImport struct {
	Form GivingForm
	// PlaceID locates the organisations the file creates (funders and
	// recipients not yet stored) whose own location (a recipient's
	// Recipient Org:Location) matches no stored place. Required when the
	// file creates any such organisation; else ignored.
	PlaceID string
	// Progress, when set, is called with the number of grants read so far, every 1,000 grants and once at the end.
	Progress func(grants int)
	// DateOrder declares day-first (giving.DMY) or month-first
	// (giving.MDY) award dates; the default reads ISO 8601 dates only.
	DateOrder giving.DateOrder
	// SkipInvalid imports the valid grants and lists each invalid one's
	// problems in GivingResult.Skipped, instead of refusing the file.
	SkipInvalid bool
}

// GivingResult is what an import wrote and what it could not place.
type GivingResult struct {
	// Grants counts the grants written, GrantsCreated those new to the
	// store and GrantsUpdated those replaced (same identifier).
	Grants, GrantsCreated, GrantsUpdated int
	// OrganisationsCreated counts the organisations the file created;
	// OrganisationsUpdated those renamed (see ImportGiving).
	OrganisationsCreated, OrganisationsUpdated int
	// Total sums the file's grants per currency.
	Total []Sum
	// Matched counts the beneficiary locations matched, by how (matchCode,
	// matchGeo, matchName, matchAlias).
	Matched map[string]int
	// Unmatched lists every beneficiary location no stored place matched,
	// with the grants naming it and the money it carries (the share of
	// each grant's amount for it), the most money first.
	Unmatched []UnmatchedLocation
	// UnplacedGrants counts the grants that name no beneficiary location,
	// and Unplaced sums their money: money whose place the file does not
	// say (its recipient's location is another matter: the headquarters
	// effect).
	UnplacedGrants int
	Unplaced       []Sum
	// SkippedGrants counts the grants left out by SkipInvalid; Skipped
	// lists their problems (line, field, value, reason).
	SkippedGrants int
	Skipped       []giving.Problem
	// Rounded lists the amounts rounded from binary floating-point
	// artefacts (41133.770000000004 read as 41133.77), naming the lines.
	Rounded []giving.Problem
}

// UnmatchedLocation is a beneficiary location no stored place matched.
type UnmatchedLocation struct {
	// Location is the location as the file wrote it: "Name (CODE)".
	Location string
	// Hint says what would match it, when something would (for example
	// loading a part of the UK geography); "" otherwise.
	Hint    string
	Grants  int
	Amounts []Sum
}

// givingProgressEvery is how many grants ImportGiving reads between two
// calls of GivingImport.Progress (and two checks of the context).
const givingProgressEvery = 1000

// actorsChunk is how many ids one ActorsByID call asks for.
const actorsChunk = 500

// ImportGiving reads a 360Giving file from r and writes its grants, with
// the organisations they need, in one Store.ImportGrants: all or nothing.
// The file is streamed; memory grows with the number of grants, not with
// the file size.
//
// Organisations are keyed by their organisation identifier (for example
// "GB-CHC-1234567"); funding is a role a grant gives, not a kind, so an
// organisation of any kind may fund, receive or both, and files may come
// in any order. A new organisation's kind comes from its identifier's
// scheme (orgKindOf: local authorities and government PUBLIC_BODY, NHS
// HEALTH, schools SCHOOL, anything else VOLUNTARY); its name is the one it
// gives itself as a funder in the file, else the first of the file's names
// for it in byte order; its
// place is its own location in the file when that matches a stored place
// (a recipient's Recipient Org:Location), else opt.PlaceID. A stored
// organisation keeps its kind and place; it takes the name it gives
// itself as a funder (a publisher names itself); as a recipient only, it
// takes the file's name when that sorts before its stored name in byte
// order and it funds no stored grant. So files of several publishers give
// the same store in any order; a name set by hand on an organisation that
// only receives may be replaced by an import's that sorts first.
//
// Beneficiary locations are matched to stored places, never created:
// by code, by the built-in UK geography (a code retired since 2011 to its
// successors, an LSOA, Data Zone, Super Output Area, MSOA or ward to its
// district), by name, by a built-in name or alias ("UK Wide", "Greater
// London"). A grant's amount is shared equally among its beneficiary
// places and its unmatched locations; the unmatched ones are kept on the
// grant (store.Grant.Unmatched) and listed in the result with their
// grants and money. Re-importing a file replaces its grants.
//
// Errors: EINVALID for an unknown form; the parser's EINVALID error (with
// one detail per problem, naming its row and field) as it is; EINVALID
// when the file would create organisations located nowhere and
// opt.PlaceID is empty; ENOTFOUND when opt.PlaceID names no place;
// EINVALID whose Details name the row and field of every grant that refers
// to a stored entity it cannot use (a person or a place as a funder or
// recipient); and the store's errors as they are. The organisations it
// writes advance the versions of their places as any write does.
func (s *Service) ImportGiving(ctx context.Context, r io.Reader, opt GivingImport) (GivingResult, error) {
	return run(ctx, s, "ImportGiving", func(*access) (GivingResult, error) {
		return s.importGiving(ctx, r, opt)
	})
}

func (s *Service) importGiving(ctx context.Context, r io.Reader, opt GivingImport) (GivingResult, error) {
	var parse func(io.Reader, giving.Options, func(giving.Grant) error) error
	var names givingNames
	switch opt.Form {
	case GivingJSON:
		parse, names = giving.ParseJSONWith, givingJSONNames
	case GivingCSV:
		parse, names = giving.ParseCSVWith, givingCSVNames
	case GivingXLSX:
		parse, names = giving.ParseXLSX, givingCSVNames
	default:
		return GivingResult{}, store.Errorf(store.EINVALID, "360Giving form %q is not %q, %q or %q", opt.Form, GivingJSON, GivingCSV, GivingXLSX)
	}
	geo, err := ukgeo.Load()
	if err != nil {
		return GivingResult{}, err
	}
	stored, err := s.allPlaces(ctx)
	if err != nil {
		return GivingResult{}, err
	}
	imp := &givingImport{names: names, places: newPlaceIndex(stored, geo), orgs: map[string]*givingOrg{},
		res: GivingResult{Matched: map[string]int{}}}
	popt := giving.Options{DateOrder: opt.DateOrder, SkipInvalid: opt.SkipInvalid,
		Rounded: func(p giving.Problem, _ int64) { imp.res.Rounded = append(imp.res.Rounded, p) }}
	lastSkipped := -1
	popt.Skipped = func(p giving.Problem) {
		imp.res.Skipped = append(imp.res.Skipped, p)
		if p.Row != lastSkipped {
			imp.res.SkippedGrants++
			lastSkipped = p.Row
		}
	}
	err = parse(r, popt, func(g giving.Grant) error {
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
		return GivingResult{}, err
	}
	if opt.Progress != nil {
		opt.Progress(len(imp.grants))
	}
	b, err := imp.batch(ctx, s.st, opt.PlaceID)
	if err != nil {
		return GivingResult{}, err
	}
	if err := imp.countUpdates(ctx, s.st); err != nil {
		return GivingResult{}, err
	}
	if _, err := s.st.ImportGrants(ctx, b); err != nil {
		return GivingResult{}, err
	}
	s.wrote(ctx)
	imp.res.Grants = len(imp.grants)
	imp.res.Unmatched = imp.unmatched.list()
	return imp.res, nil
}

// givingNames names the fields a problem refers to, as a form writes them.
type givingNames struct {
	row               func(row int) string
	funder, recipient string
}

var (
	givingCSVNames = givingNames{
		row:    func(line int) string { return "line " + strconv.Itoa(line) + ", " },
		funder: "Funding Org:Identifier", recipient: "Recipient Org:Identifier",
	}
	givingJSONNames = givingNames{
		row:    func(i int) string { return "grants[" + strconv.Itoa(i) + "]." },
		funder: "fundingOrganization[0].id", recipient: "recipientOrganization[0].id",
	}
)

// givingOrg is an organisation a file names: the name it first has, the
// name it gives itself as a funder, its place from its own location, and
// where it is first named (firstRow, firstField).
type givingOrg struct {
	id, name, ownName string
	placeID           string
	firstRow          int
	firstField        string
}

// givingImport is the batch being built from one file.
type givingImport struct {
	names     givingNames
	places    *placeIndex
	orgs      map[string]*givingOrg
	grants    []store.Grant
	funders   []string // funder ids in order first met
	probs     givingProblems
	unmatched unmatchedTally
	res       GivingResult
}

// org records the organisation o at row in field, returning its id as
// the map holds it, so that every grant shares one string.
func (imp *givingImport) org(o giving.Org, row int, field string) *givingOrg {
	if g, ok := imp.orgs[o.ID]; ok {
		if o.Name < g.name {
			g.name = o.Name // the first of its names in byte order
		}
		return g
	}
	g := &givingOrg{id: o.ID, name: o.Name, firstRow: row, firstField: field}
	imp.orgs[o.ID] = g
	return g
}

// add turns one grant of the file into a store.Grant and its
// organisations, matching its beneficiary locations.
func (imp *givingImport) add(g giving.Grant) {
	row := g.Row
	f := imp.org(g.FundingOrg, row, imp.names.funder)
	if f.ownName == "" {
		f.ownName = g.FundingOrg.Name
		imp.funders = append(imp.funders, f.id)
	}
	rc := imp.org(g.RecipientOrg, row, imp.names.recipient)
	if rc.placeID == "" {
		for _, l := range g.RecipientOrg.Locations {
			if ids, _, _ := imp.places.locate(l); len(ids) == 1 {
				rc.placeID = ids[0]
				break
			}
		}
	}
	type slot struct{ label, hint string }
	var placeIDs []string
	var unmatched []slot
	for _, loc := range g.Beneficiaries {
		ids, how, hint := imp.places.locate(loc)
		if how == matchNone {
			unmatched = append(unmatched, slot{locationLabel(loc), hint})
			continue
		}
		imp.res.Matched[how]++
		placeIDs = append(placeIDs, ids...)
	}
	placeIDs = slices.Compact(slices.Sorted(slices.Values(placeIDs)))
	slices.SortFunc(unmatched, func(a, b slot) int {
		switch {
		case a.label < b.label:
			return -1
		case a.label > b.label:
			return 1
		}
		return 0
	})
	unmatched = slices.CompactFunc(unmatched, func(a, b slot) bool { return a.label == b.label })
	if len(unmatched) > store.MaxTags-1 {
		unmatched = unmatched[:store.MaxTags-1]
	}
	sg := store.Grant{
		ID: g.ID, Title: g.Title, Description: g.Description, Amount: g.Amount, Currency: g.Currency,
		AwardedOn: g.AwardDate, FunderID: f.id, RecipientID: rc.id, PlaceIDs: placeIDs, Programme: g.Programme,
	}
	imp.res.Total = addMoney(imp.res.Total, g.Currency, g.Amount)
	if len(g.Beneficiaries) == 0 {
		imp.res.UnplacedGrants++
		imp.res.Unplaced = addMoney(imp.res.Unplaced, g.Currency, g.Amount)
	}
	if len(unmatched) > 0 {
		// The amount is shared among the places and the unmatched
		// locations; the unmatched shares come last.
		shares := Shares(g.Amount, len(placeIDs)+len(unmatched))[len(placeIDs):]
		for i, u := range unmatched {
			sg.Unmatched = append(sg.Unmatched, u.label)
			imp.unmatched.add(u.label, u.hint, g.Currency, shares[i])
		}
	}
	imp.grants = append(imp.grants, sg)
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
	unlocated := 0
	for _, id := range ids {
		o := imp.orgs[id]
		at := imp.names.row(o.firstRow) + o.firstField + ": "
		a, stored := actors[id]
		switch {
		case stored && a.Person != nil:
			imp.probs.add(fmt.Sprintf("%sorganisation %q: the id is a person's, not an organisation's", at, id))
		case stored:
			// A publisher names itself: a funder's own name replaces the
			// stored one. Otherwise the name that sorts first wins, unless
			// the stored organisation funds grants (its name is its own):
			// the same name whatever the order of the files. Nothing else
			// changes.
			name := a.Organisation.Name
			switch {
			case o.ownName != "":
				name = o.ownName
			case o.name < name:
				funds, err := st.Grants(ctx, store.GrantFilter{FunderID: id}, store.Page{First: 1})
				if err != nil {
					return store.GrantBatch{}, err
				}
				if funds.TotalCount == 0 {
					name = o.name
				}
			}
			if name != a.Organisation.Name {
				u := *a.Organisation
				u.Name = name
				b.Organisations = append(b.Organisations, u)
				imp.res.OrganisationsUpdated++
			}
		case imp.places.has(id):
			imp.probs.add(fmt.Sprintf("%sorganisation %q: the id is a place's, not an organisation's", at, id))
		default:
			name := o.name
			if o.ownName != "" {
				name = o.ownName
			}
			place := o.placeID
			if place == "" {
				place = placeID
				unlocated++
			}
			b.Organisations = append(b.Organisations, store.Organisation{ID: id, Name: name, Kind: orgKindOf(id), PlaceID: place})
			imp.res.OrganisationsCreated++
		}
	}
	if unlocated > 0 && placeID == "" {
		msg := fmt.Sprintf("placeId is required: the file creates %d organisations whose own location matches no stored place", unlocated)
		if imp.probs.count == 0 {
			return store.GrantBatch{}, store.Errorf(store.EINVALID, "%s", msg)
		}
		imp.probs.add(msg)
	}
	if err := imp.probs.err(); err != nil {
		return store.GrantBatch{}, err
	}
	if unlocated > 0 && !imp.places.has(placeID) {
		return store.GrantBatch{}, store.Errorf(store.ENOTFOUND, "placeId %q names no place", placeID)
	}
	b.Grants = imp.grants
	return b, nil
}

// countUpdates counts, among the file's grants, those already stored (by
// listing the stored grants of each of the file's funders).
func (imp *givingImport) countUpdates(ctx context.Context, st store.Store) error {
	inFile := make(map[string]bool, len(imp.grants))
	for _, g := range imp.grants {
		inFile[g.ID] = true
	}
	updated := 0
	for _, f := range imp.funders {
		page := store.Page{First: store.MaxPageSize}
		for {
			conn, err := st.Grants(ctx, store.GrantFilter{FunderID: f}, page)
			if store.ErrorCode(err) == store.ENOTFOUND {
				break
			}
			if err != nil {
				return err
			}
			for _, g := range conn.Items {
				if inFile[g.ID] {
					updated++
				}
			}
			if !conn.HasNextPage {
				break
			}
			page.After = conn.EndCursor
		}
	}
	imp.res.GrantsUpdated = updated
	imp.res.GrantsCreated = len(imp.grants) - updated
	return nil
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
