package giving

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/voicemap/voicemap/store"
)

// problems collects the problems found in one file: the first MaxProblems
// in full, and a count of all of them.
type problems struct {
	list  []string
	count int
	// pending holds the problems of the grant being checked, as Problems;
	// value gives a field's value as written.
	pending []Problem
	row     int
	value   func(field string) string
}

// add records a problem with a field; at is "grants[3]." or "line 7, ".
func (p *problems) add(at, field, msg string) {
	p.count++
	if len(p.list) < MaxProblems {
		p.list = append(p.list, at+field+": "+msg)
	}
	v := ""
	if p.value != nil {
		v = p.value(field)
	}
	p.pending = append(p.pending, Problem{At: strings.TrimSuffix(strings.TrimSuffix(at, ", "), "."), Row: p.row, Field: field, Value: v, Reason: msg})
}

// addf records a problem that belongs to no single field.
func (p *problems) addf(format string, args ...any) {
	p.count++
	if len(p.list) < MaxProblems {
		p.list = append(p.list, fmt.Sprintf(format, args...))
	}
}

// err returns the problems as one EINVALID error, nil if there are none.
func (p *problems) err(form string) error {
	if p.count == 0 {
		return nil
	}
	details := p.list
	if p.count > len(p.list) {
		details = append(details, fmt.Sprintf("... and %d more", p.count-len(p.list)))
	}
	noun := "problems"
	if p.count == 1 {
		noun = "problem"
	}
	e := store.Errorf(store.EINVALID, "360Giving %s file refused: %d %s found, nothing imported", form, p.count, noun)
	e.Details = details
	return e
}

// record is one grant as text, before checking: the common ground of the
// JSON and CSV forms.
type record struct {
	id, title, description, currency, amount, awardDate string
	recID, recName, indID, fundID, fundName, programme  string
	locations                                           []Location
	recLocations                                        []Location
	// skip marks fields whose problem the reader has already reported (a
	// JSON value of the wrong type), so that check does not report them again.
	skip field
}

// field is a set of record fields.
type field uint16

const (
	fID field = 1 << iota
	fTitle
	fDescription
	fCurrency
	fAmount
	fAwardDate
	fRecipient
	fFunder
	fProgramme
	fLocations
)

// fieldNames names each field as a form writes it, for problem messages.
type fieldNames struct {
	id, title, description, currency, amount, awardDate string
	recID, recName, indID, fundID, fundName, programme  string
	// location names beneficiary location i; locName, locCode and locType
	// name its fields after that prefix.
	location                  func(i int) string
	locName, locCode, locType string
	// exponents allows amounts with an exponent (1.5e4), as JSON numbers.
	exponents bool
	// row names a grant's place in the file from its Row.
	row func(row int) string
}

var jsonNames = fieldNames{
	id: "id", title: "title", description: "description", currency: "currency",
	amount: "amountAwarded", awardDate: "awardDate",
	recID: "recipientOrganization[0].id", recName: "recipientOrganization[0].name",
	indID: "recipientIndividual", fundID: "fundingOrganization[0].id",
	fundName: "fundingOrganization[0].name", programme: "grantProgramme[0].title",
	location: func(i int) string { return "beneficiaryLocation[" + strconv.Itoa(i) + "]" },
	locName:  ".name", locCode: ".geoCode", locType: ".geoCodeType",
	exponents: true,
	row:       func(i int) string { return "grants[" + strconv.Itoa(i) + "]" },
}

var csvNames = fieldNames{
	id: "Identifier", title: "Title", description: "Description", currency: "Currency",
	amount: "Amount Awarded", awardDate: "Award Date",
	recID: "Recipient Org:Identifier", recName: "Recipient Org:Name",
	indID: "Recipient Ind:Identifier", fundID: "Funding Org:Identifier",
	fundName: "Funding Org:Name", programme: "Grant Programme:Title",
	location: func(i int) string { return "Beneficiary Location:" + strconv.Itoa(i) },
	locName:  ":Name", locCode: ":Geographic Code", locType: ":Geographic Code Type",
	row: func(line int) string { return "line " + strconv.Itoa(line) },
}

// checker turns records into grants, collecting problems and the grant
// identifiers seen so far.
type checker struct {
	names fieldNames
	opts  Options
	probs problems
	// seen maps each grant identifier to the Row where it was first used.
	seen map[string]int
	// before and listed are the problem counts when the grant being read
	// began (begin).
	before, listed int
}

// begin starts reading the grant at row: its problems, from the reader's
// and from check, are the grant's.
func (c *checker) begin(row int) {
	c.before, c.listed = c.probs.count, len(c.probs.list)
	c.probs.pending, c.probs.row = c.probs.pending[:0], row
}

func newChecker(names fieldNames, opts Options) *checker {
	return &checker{names: names, opts: opts, seen: make(map[string]int)}
}

// fieldValue is the value as written of the field named name in r, for a
// problem report.
func (n *fieldNames) fieldValue(r *record, name string) string {
	switch name {
	case n.id:
		return r.id
	case n.title:
		return r.title
	case n.currency:
		return r.currency
	case n.amount:
		return r.amount
	case n.awardDate:
		return r.awardDate
	case n.recID:
		return r.recID
	case n.recName:
		return r.recName
	case n.fundID:
		return r.fundID
	case n.fundName:
		return r.fundName
	case n.programme:
		return r.programme
	}
	for i, l := range r.locations {
		switch name {
		case n.location(i) + n.locName:
			return l.Name
		case n.location(i) + n.locCode:
			return l.GeoCode
		case n.location(i) + n.locType:
			return l.GeoCodeType
		}
	}
	return ""
}

// check validates r, found at "at" (a prefix such as "line 7, "), and returns
// the grant and whether it is valid.
func (c *checker) check(r *record, at string, row int) (Grant, bool) {
	n := &c.names
	before, listed := c.before, c.listed
	c.probs.value = func(field string) string { return shorten(n.fieldValue(r, field)) }
	defer func() { c.probs.value = nil }()
	g := Grant{Row: row}

	g.ID = strings.TrimSpace(r.id)
	if r.skip&fID != 0 {
		// reported by the reader
	} else if err := store.ValidID("identifier", g.ID); err != nil {
		c.probs.add(at, n.id, idMessage(g.ID))
	} else if first, dup := c.seen[g.ID]; dup {
		c.probs.add(at, n.id, fmt.Sprintf("%s is used again (first at %s): every grant needs its own identifier", quote(g.ID), n.row(first)))
	} else {
		// A clone, so that the set holds only the identifier and not the
		// whole line of text it was cut from (encoding/csv cuts the fields
		// of a record from one string).
		c.seen[strings.Clone(g.ID)] = row
	}
	g.Title = c.text(at, n.title, r.title, MaxTitleLen, r.skip&fTitle == 0)
	g.Description = c.text(at, n.description, r.description, MaxDescriptionLen, r.skip&fDescription == 0)

	g.Currency = strings.TrimSpace(r.currency)
	switch {
	case r.skip&fCurrency != 0:
	case g.Currency == "":
		c.probs.add(at, n.currency, "is required")
	case !ValidCurrency(g.Currency):
		msg := fmt.Sprintf("%s is not an ISO 4217 currency code", quote(g.Currency))
		if ValidCurrency(strings.ToUpper(g.Currency)) {
			msg += fmt.Sprintf(": write it in capitals, %s", strings.ToUpper(g.Currency))
		} else {
			msg += " (for example GBP)"
		}
		c.probs.add(at, n.currency, msg)
	}

	if r.skip&fAmount == 0 {
		amount, rounded, msg := parseAmount(strings.TrimSpace(r.amount), CurrencyExponent(g.Currency), g.Currency, n.exponents)
		if msg != "" {
			c.probs.add(at, n.amount, msg)
		} else if rounded && c.opts.Rounded != nil {
			c.opts.Rounded(Problem{At: strings.TrimSuffix(strings.TrimSuffix(at, ", "), "."), Row: row, Field: n.amount, Value: shorten(r.amount),
				Reason: "a binary floating-point artefact, rounded to " + FormatAmount(amount, g.Currency)}, amount)
		}
		g.Amount = amount
	}

	if r.skip&fAwardDate == 0 {
		date, msg := parseDate(strings.TrimSpace(r.awardDate), c.opts.DateOrder)
		if msg != "" {
			c.probs.add(at, n.awardDate, msg)
		}
		g.AwardDate = date
	}

	if r.skip&fFunder == 0 {
		g.FundingOrg = c.org(at, n.fundID, n.fundName, r.fundID, r.fundName)
	}
	if r.skip&fRecipient != 0 {
		// reported by the reader
	} else if strings.TrimSpace(r.recID) == "" && strings.TrimSpace(r.recName) == "" && strings.TrimSpace(r.indID) != "" {
		c.probs.add(at, n.indID, "a grant to an individual: voicemap records grants to organisations only, and keeps no personal data about grant recipients; remove grants to individuals from the file before importing it")
	} else {
		g.RecipientOrg = c.org(at, n.recID, n.recName, r.recID, r.recName)
		for _, l := range r.recLocations {
			l.Name, l.GeoCode, l.GeoCodeType = strings.TrimSpace(l.Name), strings.TrimSpace(l.GeoCode), strings.TrimSpace(l.GeoCodeType)
			if (l.Name != "" || l.GeoCode != "") && utf8.ValidString(l.Name+l.GeoCode+l.GeoCodeType) &&
				len(l.Name) <= MaxNameLen && len(l.GeoCode) <= store.MaxTagLen && len(l.GeoCodeType) <= store.MaxTagLen {
				g.RecipientOrg.Locations = append(g.RecipientOrg.Locations, l)
			}
		}
	}

	g.Programme = c.text(at, n.programme, r.programme, MaxNameLen, false)
	for i, l := range r.locations {
		l.Name = c.text(at, n.location(i)+n.locName, l.Name, MaxNameLen, false)
		l.GeoCode = c.text(at, n.location(i)+n.locCode, l.GeoCode, store.MaxTagLen, false)
		l.GeoCodeType = c.text(at, n.location(i)+n.locType, l.GeoCodeType, store.MaxTagLen, false)
		if l.Name != "" || l.GeoCode != "" {
			g.Beneficiaries = append(g.Beneficiaries, l)
		}
	}
	ok := c.probs.count == before
	if !ok && c.opts.SkipInvalid {
		// The grant is left out and its problems reported, not counted
		// against the file.
		for _, p := range c.probs.pending {
			if c.opts.Skipped != nil {
				c.opts.Skipped(p)
			}
		}
		c.probs.count, c.probs.list = before, c.probs.list[:listed]
	}
	return g, ok
}

// shorten keeps at most 200 bytes of a value for a problem report.
func shorten(s string) string {
	const max = 200
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}

// org checks an organisation's identifier and name.
func (c *checker) org(at, idField, nameField, id, name string) Org {
	o := Org{ID: strings.TrimSpace(id)}
	if err := store.ValidID("identifier", o.ID); err != nil {
		c.probs.add(at, idField, idMessage(o.ID))
	}
	o.Name = c.text(at, nameField, name, MaxNameLen, true)
	return o
}

// text trims s and checks it is valid UTF-8, within max bytes and, when
// required, not empty.
func (c *checker) text(at, field, s string, max int, required bool) string {
	s = strings.TrimSpace(s)
	switch {
	case s == "" && required:
		c.probs.add(at, field, "is required")
	case !utf8.ValidString(s):
		c.probs.add(at, field, "is not valid UTF-8 text")
	case len(s) > max:
		c.probs.add(at, field, fmt.Sprintf("is longer than %d bytes", max))
	}
	return s
}

// idMessage explains why id (already trimmed) is not a usable identifier.
func idMessage(id string) string {
	switch {
	case id == "":
		return "is required"
	case len(id) > store.MaxIDLen:
		return fmt.Sprintf("is longer than %d bytes", store.MaxIDLen)
	case !utf8.ValidString(id):
		return "is not valid UTF-8 text"
	case strings.IndexFunc(id, unicode.IsControl) >= 0:
		return fmt.Sprintf("%s contains a control character", quote(id))
	}
	return fmt.Sprintf("%s is not a usable identifier", quote(id))
}
