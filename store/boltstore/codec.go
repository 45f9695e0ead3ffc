package boltstore

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/voicemap/voicemap/store"
)

// recordVersion is the first byte of every stored record.
const recordVersion byte = 1

// The record types fix the on-disk form independently of the domain types.

type placeRec struct {
	Name       string   `json:"name"`
	Code       string   `json:"code,omitempty"`
	Population *int     `json:"population,omitempty"`
	NeedIndex  *float64 `json:"needIndex,omitempty"`
	NeedScale  string   `json:"needScale,omitempty"`
	ParentID   string   `json:"parentId,omitempty"`
	// ByGroup is the population by group; encoding/json writes map keys
	// sorted, so the record bytes are deterministic.
	ByGroup map[string]int `json:"populationByGroup,omitempty"`
	// Geometry is the boundary's canonical GeoJSON text, kept as a string
	// so that its bytes are stored as normalised.
	Geometry string `json:"geometry,omitempty"`
}

type personRec struct {
	Name            string     `json:"name"`
	PlaceID         string     `json:"placeId"`
	Groups          []string   `json:"groups,omitempty"`
	Roles           []string   `json:"roles,omitempty"`
	LivedExperience []string   `json:"livedExperience,omitempty"`
	Capacity        string     `json:"capacity"`
	Consent         string     `json:"consent"`
	Source          *sourceRec `json:"source,omitempty"`
}

// sourceRec is a record's source when it was said in a survey; a typed
// record has none.
type sourceRec struct {
	Survey string `json:"survey"`
	On     string `json:"on"`
	By     string `json:"by,omitempty"`
}

func encSource(s store.Source) *sourceRec {
	if s.Kind != store.SourceSurvey {
		return nil
	}
	return &sourceRec{Survey: s.SurveyID, On: fmtDate(s.On), By: s.By}
}

func decSource(r *sourceRec) (store.Source, error) {
	if r == nil {
		return store.Source{}, nil
	}
	on, err := parseDate(r.On)
	return store.Source{Kind: store.SourceSurvey, SurveyID: r.Survey, On: on, By: r.By}, err
}

type orgRec struct {
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	PlaceID string `json:"placeId"`
}

type relRec struct {
	FromID string     `json:"from"`
	ToID   string     `json:"to"`
	Kind   string     `json:"kind"`
	Weight float64    `json:"weight"`
	Since  string     `json:"since,omitempty"`
	Until  string     `json:"until,omitempty"`
	Source *sourceRec `json:"source,omitempty"`
}

type forumRec struct {
	Name           string   `json:"name"`
	PlaceID        string   `json:"placeId"`
	DecisionMaking bool     `json:"decisionMaking,omitempty"`
	AffectsGroups  []string `json:"affectsGroups,omitempty"`
}

type partRec struct {
	ActorID string     `json:"actor"`
	ForumID string     `json:"forum"`
	Level   string     `json:"level"`
	Stage   string     `json:"stage"`
	Since   string     `json:"since,omitempty"`
	Until   string     `json:"until,omitempty"`
	Source  *sourceRec `json:"source,omitempty"`
}

type grantRec struct {
	Title       string   `json:"title"`
	Description string   `json:"description,omitempty"`
	Amount      int64    `json:"amount"`
	Currency    string   `json:"currency"`
	AwardedOn   string   `json:"awardedOn"`
	FunderID    string   `json:"funder"`
	RecipientID string   `json:"recipient"`
	PlaceIDs    []string `json:"places,omitempty"`
	Programme   string   `json:"programme,omitempty"`
	Unmatched   []string `json:"unmatched,omitempty"`
}

func encode(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append([]byte{recordVersion}, b...), nil
}

func decode(data []byte, v any) error {
	if len(data) == 0 || data[0] != recordVersion {
		return fmt.Errorf("record of unknown version")
	}
	return json.Unmarshal(data[1:], v)
}

func fmtDate(t *time.Time) string {
	if t == nil {
		return ""
	}
	return store.Day(*t).Format(time.DateOnly)
}

func parseDate(s string) (*time.Time, error) {
	if s == "" {
		return nil, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return nil, err
	}
	return &t, nil
}

func encPlace(p store.Place) ([]byte, error) {
	return encode(placeRec{p.Name, p.Code, p.Population, p.NeedIndex, p.NeedScale, p.ParentID, p.PopulationByGroup, p.Geometry})
}

func decPlace(id string, data []byte) (store.Place, error) {
	var r placeRec
	if err := decode(data, &r); err != nil {
		return store.Place{}, err
	}
	return store.Place{ID: id, Name: r.Name, Code: r.Code, Population: r.Population, NeedIndex: r.NeedIndex,
		NeedScale: r.NeedScale, ParentID: r.ParentID, PopulationByGroup: r.ByGroup, Geometry: r.Geometry}, nil
}

func encPerson(p store.Person) ([]byte, error) {
	return encode(personRec{p.Name, p.PlaceID, p.Groups, p.Roles, p.LivedExperience, string(p.Capacity), string(p.Consent), encSource(p.Source)})
}

func decPerson(id string, data []byte) (store.Person, error) {
	var r personRec
	if err := decode(data, &r); err != nil {
		return store.Person{}, err
	}
	src, err := decSource(r.Source)
	return store.Person{ID: id, Name: r.Name, PlaceID: r.PlaceID, Groups: tags(r.Groups), Roles: tags(r.Roles),
		LivedExperience: tags(r.LivedExperience), Capacity: store.Capacity(r.Capacity), Consent: store.Consent(r.Consent),
		Source: src}, err
}

func encOrg(o store.Organisation) ([]byte, error) {
	return encode(orgRec{o.Name, string(o.Kind), o.PlaceID})
}

func decOrg(id string, data []byte) (store.Organisation, error) {
	var r orgRec
	if err := decode(data, &r); err != nil {
		return store.Organisation{}, err
	}
	return store.Organisation{ID: id, Name: r.Name, Kind: store.OrgKind(r.Kind), PlaceID: r.PlaceID}, nil
}

// encRel encodes a relationship record by hand: a large import writes a
// million of them, and encoding/json's reflection was a fifth of its time.
// The bytes decode as relRec (TestEncRelMatchesJSON).
func encRel(r store.Relationship) ([]byte, error) {
	rec := relRec{r.FromID, r.ToID, string(r.Kind), r.Weight, fmtDate(r.Since), fmtDate(r.Until), encSource(r.Source)}
	if rec.Source != nil {
		return encode(rec) // a tie said in a survey: few, and encoding/json writes its source
	}
	if !utf8.ValidString(rec.FromID) || !utf8.ValidString(rec.ToID) || !utf8.ValidString(rec.Kind) || math.IsNaN(rec.Weight) || math.IsInf(rec.Weight, 0) {
		return encode(rec) // never so for a validated relationship
	}
	b := make([]byte, 0, 48+len(rec.FromID)+len(rec.ToID)+len(rec.Kind))
	b = append(b, recordVersion)
	b = appendJSONString(append(b, `{"from":`...), rec.FromID)
	b = appendJSONString(append(b, `,"to":`...), rec.ToID)
	b = appendJSONString(append(b, `,"kind":`...), rec.Kind)
	b = strconv.AppendFloat(append(b, `,"weight":`...), rec.Weight, 'g', -1, 64)
	if rec.Since != "" {
		b = appendJSONString(append(b, `,"since":`...), rec.Since)
	}
	if rec.Until != "" {
		b = appendJSONString(append(b, `,"until":`...), rec.Until)
	}
	return append(b, '}'), nil
}

// appendJSONString appends s, valid UTF-8, as a JSON string.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

func decRel(id string, data []byte) (store.Relationship, error) {
	var r relRec
	if err := decode(data, &r); err != nil {
		return store.Relationship{}, err
	}
	since, err := parseDate(r.Since)
	if err != nil {
		return store.Relationship{}, err
	}
	until, err := parseDate(r.Until)
	if err != nil {
		return store.Relationship{}, err
	}
	src, err := decSource(r.Source)
	return store.Relationship{ID: id, FromID: r.FromID, ToID: r.ToID, Kind: store.RelKind(r.Kind), Weight: r.Weight,
		Since: since, Until: until, Source: src}, err
}

func encForum(f store.Forum) ([]byte, error) {
	return encode(forumRec{f.Name, f.PlaceID, f.DecisionMaking, f.AffectsGroups})
}

func decForum(id string, data []byte) (store.Forum, error) {
	var r forumRec
	if err := decode(data, &r); err != nil {
		return store.Forum{}, err
	}
	return store.Forum{ID: id, Name: r.Name, PlaceID: r.PlaceID, DecisionMaking: r.DecisionMaking,
		AffectsGroups: tags(r.AffectsGroups)}, nil
}

func encPart(p store.Participation) ([]byte, error) {
	return encode(partRec{p.ActorID, p.ForumID, string(p.Level), string(p.JoinedAtStage), fmtDate(p.Since), fmtDate(p.Until), encSource(p.Source)})
}

func decPart(id string, data []byte) (store.Participation, error) {
	var r partRec
	if err := decode(data, &r); err != nil {
		return store.Participation{}, err
	}
	since, err := parseDate(r.Since)
	if err != nil {
		return store.Participation{}, err
	}
	until, err := parseDate(r.Until)
	if err != nil {
		return store.Participation{}, err
	}
	src, err := decSource(r.Source)
	return store.Participation{ID: id, ActorID: r.ActorID, ForumID: r.ForumID, Level: store.Level(r.Level),
		JoinedAtStage: store.Stage(r.Stage), Since: since, Until: until, Source: src}, err
}

func encGrant(g store.Grant) ([]byte, error) {
	return encode(grantRec{g.Title, g.Description, g.Amount, g.Currency, fmtDate(&g.AwardedOn), g.FunderID, g.RecipientID,
		g.PlaceIDs, g.Programme, g.Unmatched})
}

func decGrant(id string, data []byte) (store.Grant, error) {
	var r grantRec
	if err := decode(data, &r); err != nil {
		return store.Grant{}, err
	}
	on, err := parseDate(r.AwardedOn)
	if err != nil {
		return store.Grant{}, err
	}
	if on == nil {
		return store.Grant{}, fmt.Errorf("grant without an award date")
	}
	return store.Grant{ID: id, Title: r.Title, Description: r.Description, Amount: r.Amount, Currency: r.Currency,
		AwardedOn: *on, FunderID: r.FunderID, RecipientID: r.RecipientID, PlaceIDs: r.PlaceIDs,
		Programme: r.Programme, Unmatched: r.Unmatched}, nil
}

// tags returns stored tags as the normalisers do: never nil.
func tags(t []string) []string {
	if t == nil {
		return []string{}
	}
	return t
}
