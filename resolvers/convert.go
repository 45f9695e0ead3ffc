package resolvers

import (
	"bytes"
	"encoding/base64"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/voicemap/voicemap/graph/model"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

// Converters from GraphQL inputs to store types, and from store actors to
// the GraphQL Actor interface. Validation and defaults (consent UNKNOWN,
// capacity COMMUNITY_MEMBER, organisation kind OTHER) are the store's
// (store.Normalize*), so both backends apply one rule.

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// placeFromInput converts a PlaceInput; a group listed twice in
// populationByGroup is EINVALID (the store checks the rest).
func placeFromInput(in model.PlaceInput) (store.Place, error) {
	groups, err := groupCountMap(in.PopulationByGroup)
	if err != nil {
		return store.Place{}, err
	}
	return store.Place{
		ID:                in.ID,
		Name:              in.Name,
		Code:              deref(in.Code),
		Population:        in.Population,
		NeedIndex:         in.NeedIndex,
		NeedScale:         deref(in.NeedScale),
		ParentID:          deref(in.ParentID),
		PopulationByGroup: groups,
		Geometry:          deref(in.Geometry),
	}, nil
}

// groupCountMap turns a list of group counts into a map; nil for none.
func groupCountMap(in []model.GroupCountInput) (map[string]int, error) {
	if len(in) == 0 {
		return nil, nil
	}
	out := make(map[string]int, len(in))
	for _, gc := range in {
		if _, dup := out[gc.Group]; dup {
			return nil, store.Errorf(store.EINVALID, "populationByGroup: group %.40q given twice", gc.Group)
		}
		out[gc.Group] = gc.Count
	}
	return out, nil
}

// groupCounts lists a population-by-group map sorted by group.
func groupCounts(m map[string]int) []model.GroupCount {
	out := make([]model.GroupCount, 0, len(m))
	for _, g := range slices.Sorted(maps.Keys(m)) {
		out = append(out, model.GroupCount{Group: g, Count: m[g]})
	}
	return out
}

func personFromInput(in model.PersonInput) store.Person {
	return store.Person{
		ID:              in.ID,
		Name:            in.Name,
		PlaceID:         in.PlaceID,
		Groups:          in.Groups,
		Roles:           in.Roles,
		LivedExperience: in.LivedExperience,
		Capacity:        deref(in.Capacity),
		Consent:         deref(in.Consent),
	}
}

func organisationFromInput(in model.OrganisationInput) store.Organisation {
	return store.Organisation{ID: in.ID, Name: in.Name, Kind: deref(in.Kind), PlaceID: in.PlaceID}
}

// relationshipFromInput applies the schema's default weight 1 also when a
// client sends an explicit null.
func relationshipFromInput(in model.RelationshipInput) store.Relationship {
	w := 1.0
	if in.Weight != nil {
		w = *in.Weight
	}
	return store.Relationship{
		ID: in.ID, FromID: in.FromID, ToID: in.ToID, Kind: in.Kind, Weight: w,
		Since: in.Since, Until: in.Until,
	}
}

func forumFromInput(in model.ForumInput) store.Forum {
	return store.Forum{
		ID: in.ID, Name: in.Name, PlaceID: in.PlaceID,
		DecisionMaking: deref(in.DecisionMaking), AffectsGroups: in.AffectsGroups,
	}
}

func participationFromInput(in model.ParticipationInput) store.Participation {
	return store.Participation{
		ID: in.ID, ActorID: in.ActorID, ForumID: in.ForumID,
		Level: in.Level, JoinedAtStage: in.JoinedAtStage, Since: in.Since, Until: in.Until,
	}
}

// actorValue returns the GraphQL Actor for a store actor: a *store.Person
// or a *store.Organisation.
func actorValue(a store.Actor) model.Actor {
	if a.Organisation != nil {
		return a.Organisation
	}
	return a.Person
}

// optionalActor returns the GraphQL Actor for a, or nil.
func optionalActor(a *store.Actor) model.Actor {
	if a == nil {
		return nil
	}
	return actorValue(*a)
}

func actorValues(as []store.Actor) []model.Actor {
	out := make([]model.Actor, len(as))
	for i, a := range as {
		out[i] = actorValue(a)
	}
	return out
}

// orNil turns a getter's ENOTFOUND into a null result.
func orNil[T any](v T, err error) (*T, error) {
	if store.ErrorCode(err) == store.ENOTFOUND {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// ptr returns &v, or nil with the error.
func ptr[T any](v T, err error) (*T, error) {
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// optionalString is nil for "", else a pointer to s: an optional text
// field that the store keeps as an empty string.
func optionalString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// locationMatches lists an import's matched locations by how, sorted.
func locationMatches(m map[string]int) []model.LocationMatches {
	out := make([]model.LocationMatches, 0, len(m))
	for _, how := range slices.Sorted(maps.Keys(m)) {
		out = append(out, model.LocationMatches{How: how, Locations: m[how]})
	}
	return out
}

// grantsData is the file of an importGrants: the text itself, or for a
// workbook its bytes decoded from base64 (standard or URL alphabet,
// padding optional).
func grantsData(format service.GivingForm, data string) (io.Reader, error) {
	if format != service.GivingXLSX {
		return strings.NewReader(data), nil
	}
	data = strings.TrimSpace(data)
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(data); err == nil {
			return bytes.NewReader(b), nil
		}
	}
	return nil, store.Errorf(store.EINVALID, "XLSX data must be the workbook's bytes encoded in base64")
}
