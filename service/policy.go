package service

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/voicemap/voicemap/auth"
)

// The policy table. Every operation of the Service, that is every exported
// method but Ping's health check, has one entry in policies: what it does
// with data (Access), which classes of data it reads or writes (Data), which
// of those it leaves out for a role that may not read them instead of
// refusing (Partial), and how it is confined to a principal's places
// (Scope). One layer, gate.go, applies the entry on every call: it refuses
// a missing principal (EUNAUTHORIZED) and a role the entry does not allow
// (EFORBIDDEN) before the operation reads anything, store or input; it
// lets the operation apply exactly the scope rule its entry names (and
// fails the call if it applies another or none); and it reports the
// people a person-level operation handed out to the request's Activity
// (the audit log's subjects). Consent follows from the data: every read
// leaves out the people whose consent is withdrawn (consent.go), shows a
// survey's placeholders under their pseudonym to all but the survey's
// editors (pseudonym.go), and every group-level figure is under
// small-number suppression (suppress.go).
//
// TestPolicyTable enumerates the Service's methods by reflection, so a new
// method without an entry fails, and runs every entry as every role; the
// authorization matrix of package resolvers reads its expectations from
// this table (Policies).

// Access is what an operation does with data.
type Access int

const (
	// Public needs no principal: it reveals nothing but the store's
	// health.
	Public Access = iota
	// Read reads data: the admin, editor and analyst roles, and the
	// funder role for every class but PersonLevel.
	Read
	// Write changes data: the admin role, and the editor role within its
	// places.
	Write
	// Administer is erasure, its records, whole-file imports and the
	// audit log: the admin role only.
	Administer
	// Respond is what the holder of a survey link does with their own
	// invitation and their own data: the respondent role only, which may
	// do nothing else.
	Respond
)

func (a Access) String() string {
	return [...]string{"public", "read", "write", "administer", "respond"}[a]
}

// Data is a set of classes of data.
type Data uint8

// The classes of data.
const (
	// OrgLevel is places, organisations and forums, and what is recorded
	// about them.
	OrgLevel Data = 1 << iota
	// Aggregate is a figure over a whole scope (a count of actors or ties,
	// a density, a concentration index, a share of seats) that names
	// nobody and is not broken down by group.
	Aggregate
	// GroupLevel is a count of people by group tag (parent, carer, young
	// person, ...), withheld under the small-number suppression rule.
	GroupLevel
	// Money is grants and what the funding analyses compute from them.
	Money
	// PersonLevel is people (names, groups, roles, consent), their
	// relationships and participations, and every answer that lists or
	// ranks actors among whom there are people. Every operation reading or
	// writing it is audited.
	PersonLevel
)

var dataNames = []string{"organisation-level", "aggregate", "group-level", "money", "person-level"}

func (d Data) String() string {
	var parts []string
	for i, name := range dataNames {
		if d&(1<<i) != 0 {
			parts = append(parts, name)
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, "|")
}

// Scope is the rule confining an operation to a scoped principal's places
// (auth.Principal.Scoped): its assigned places with their descendants. What
// lies outside answers exactly as what does not exist.
type Scope int

const (
	// Unconfined: the operation is not confined (admin only, or public).
	Unconfined Scope = iota
	// Entity: the one entity named by id is seen when it lies within: a
	// grant when any of its beneficiary places does, a relationship or a
	// participation when every end does (both actors; the actor and the
	// forum), anything else when its place does. Else ENOTFOUND, as a
	// missing id.
	Entity
	// Entities: of many entities named by id, those outside are left out,
	// as missing ones.
	Entities
	// PlaceArg: the placeId argument must lie within (ENOTFOUND
	// otherwise); without one, the principal's single place, or EINVALID
	// when it has several (merging several places silently would give the
	// figures of a scope nobody asked for). A funder named as the filter of
	// a funding analysis (funderId) may lie anywhere: funders fund places
	// other than their own, and who funds is public (360Giving); an
	// organisation the answer names but that lies outside (a recipient) is
	// left unnamed.
	PlaceArg
	// Children: a list of places below a parentId that must lie within;
	// without one, the principal's own places (the top of its view).
	Children
	// Links: relationships or participations narrowed by an actor or a
	// forum, which a scoped principal must give and which must lie within;
	// only those whose every end lies within are listed.
	Links
	// Touched: a write needs every place that the record it writes, the
	// record of that id it replaces, and what it removes with it, touch to
	// lie within: a new record reaching outside answers ENOTFOUND for what
	// lies outside, as if missing; a record of that id the principal cannot
	// see whole answers ECONFLICT ("id in use"), as an id taken by another
	// kind does.
	Touched
	// Within: the path to power of a person within the principal's
	// places: the person must lie within, and the path is computed on the
	// network of the principal's place that holds the person, so a chain
	// that leaves the places reads as no path.
	Within
	// Self: a respondent's own invitation, survey and data, and nothing
	// else: the invitation their link holds, while it has not expired;
	// only the survey's place for people to name; only ties, groups and
	// participations of their own to see, correct or dispute. What lies
	// elsewhere answers as missing.
	Self
)

func (s Scope) String() string {
	return [...]string{"unconfined", "entity", "entities", "placeId", "children", "links", "touched", "within", "self"}[s]
}

// Policy is one operation's entry in the policy table.
type Policy struct {
	Access Access
	// Data is the classes of data the operation reads or writes.
	Data Data
	// Partial is the classes of Data the operation leaves out of its
	// answer for a role that may not read them, answering the rest,
	// instead of refusing the whole operation: a funder's community
	// report lists organisations only.
	Partial Data
	Scope   Scope
}

// Allows reports whether the role may perform the operation at all.
func (p Policy) Allows(r auth.Role) bool { return permits(r, p.Access, p.Data&^p.Partial) }

// Reads reports whether the role may be given the classes d of the
// operation's data.
func (p Policy) Reads(r auth.Role, d Data) bool { return permits(r, p.Access, d) }

// Audited reports whether the operation reads or writes person-level
// data, which the audit log records.
func (p Policy) Audited() bool { return p.Data&PersonLevel != 0 }

// permits is the one rule of roles: who may perform access on data d. A
// respondent may respond and nothing else; no other role may respond.
func permits(r auth.Role, access Access, d Data) bool {
	switch access {
	case Public:
		return true
	case Respond:
		return r == auth.RoleRespondent
	case Administer:
		return r == auth.RoleAdmin
	case Write:
		return r == auth.RoleAdmin || r == auth.RoleEditor
	case Read:
		switch r {
		case auth.RoleAdmin, auth.RoleEditor, auth.RoleAnalyst:
			return true
		case auth.RoleFunder:
			return d&PersonLevel == 0
		}
	}
	return false
}

// refusal is the EFORBIDDEN message for a role the policy does not allow.
func (p Policy) refusal(r auth.Role) string {
	switch p.Access {
	case Administer:
		return fmt.Sprintf("the %s role may not do this: it needs the admin role", r)
	case Write:
		return fmt.Sprintf("the %s role may not write", r)
	case Respond:
		return "only the holder of a survey link may do this"
	}
	if r == auth.RoleRespondent {
		return "a survey link gives access to its own survey and its holder's own data only"
	}
	return fmt.Sprintf("the %s role may not read %s data", r, (p.Data&^p.Partial)&^readable(r))
}

// readable returns the classes of data role r may read.
func readable(r auth.Role) Data {
	var out Data
	for i := range dataNames {
		if d := Data(1 << i); permits(r, Read, d) {
			out |= d
		}
	}
	return out
}

// policies is the table. Keep it sorted by kind of operation; its order
// does not matter.
var policies = map[string]Policy{
	"Ping": {Access: Public},
	// Viewer describes the caller's own key (role, places): no stored data.
	"Viewer": {Access: Read},

	// Lookups by id.
	"Kind":          {Access: Read, Data: OrgLevel | Money | PersonLevel, Partial: PersonLevel, Scope: Entity},
	"Place":         {Access: Read, Data: OrgLevel, Scope: Entity},
	"Person":        {Access: Read, Data: PersonLevel, Scope: Entity},
	"Organisation":  {Access: Read, Data: OrgLevel, Scope: Entity},
	"Actor":         {Access: Read, Data: OrgLevel | PersonLevel, Partial: PersonLevel, Scope: Entity},
	"Relationship":  {Access: Read, Data: PersonLevel, Scope: Entity},
	"Forum":         {Access: Read, Data: OrgLevel, Scope: Entity},
	"Participation": {Access: Read, Data: PersonLevel, Scope: Entity},
	"Grant":         {Access: Read, Data: Money, Scope: Entity},
	"PlacesByID":    {Access: Read, Data: OrgLevel, Scope: Entities},
	"ActorsByID":    {Access: Read, Data: OrgLevel | PersonLevel, Partial: PersonLevel, Scope: Entities},
	"ForumsByID":    {Access: Read, Data: OrgLevel, Scope: Entities},

	// Lists.
	"Places":         {Access: Read, Data: OrgLevel, Scope: Children},
	"People":         {Access: Read, Data: PersonLevel, Scope: PlaceArg},
	"Organisations":  {Access: Read, Data: OrgLevel, Scope: PlaceArg},
	"Forums":         {Access: Read, Data: OrgLevel, Scope: PlaceArg},
	"Relationships":  {Access: Read, Data: PersonLevel, Scope: Links},
	"Participations": {Access: Read, Data: PersonLevel, Scope: Links},

	// Analyses of a scope.
	"Centrality":              {Access: Read, Data: PersonLevel, Scope: PlaceArg},
	"Communities":             {Access: Read, Data: OrgLevel | Aggregate | PersonLevel, Partial: PersonLevel, Scope: PlaceArg},
	"Summary":                 {Access: Read, Data: Aggregate, Scope: PlaceArg},
	"RelationshipQuality":     {Access: Read, Data: Aggregate, Scope: PlaceArg},
	"PowerTrend":              {Access: Read, Data: Aggregate, Scope: PlaceArg},
	"PowerConcentration":      {Access: Read, Data: Aggregate | PersonLevel, Scope: PlaceArg},
	"Representation":          {Access: Read, Data: GroupLevel | PersonLevel, Scope: PlaceArg},
	"NothingAboutUsWithoutUs": {Access: Read, Data: OrgLevel | PersonLevel, Scope: PlaceArg},
	"UnheardVoices":           {Access: Read, Data: PersonLevel, Scope: PlaceArg},
	"UnheardVoiceGroups":      {Access: Read, Data: GroupLevel, Scope: PlaceArg},
	"Recommendations":         {Access: Read, Data: OrgLevel | PersonLevel, Scope: PlaceArg},
	"PathToPower":             {Access: Read, Data: PersonLevel, Scope: Within},
	"NetworkLayout":           {Access: Read, Data: OrgLevel | PersonLevel, Scope: PlaceArg},
	"ExportNetwork":           {Access: Read, Data: OrgLevel | PersonLevel, Scope: PlaceArg},
	"ExportCSV":               {Access: Read, Data: OrgLevel | PersonLevel, Scope: PlaceArg},

	// Money.
	"Underserved":          {Access: Read, Data: Money | OrgLevel, Scope: PlaceArg},
	"FundingConcentration": {Access: Read, Data: Money | OrgLevel, Scope: PlaceArg},
	"FundingReach":         {Access: Read, Data: Money | OrgLevel | Aggregate | GroupLevel, Scope: PlaceArg},
	"Grants":               {Access: Read, Data: Money, Scope: PlaceArg},
	"GrantTotals":          {Access: Read, Data: Money | OrgLevel, Scope: PlaceArg},
	"UnmatchedLocations":   {Access: Read, Data: Money, Scope: PlaceArg},
	"HeadquartersBasis":    {Access: Read, Data: Money | OrgLevel, Scope: PlaceArg},

	// Writes.
	"UpsertPlace":         {Access: Write, Data: OrgLevel, Scope: Touched},
	"UpsertPerson":        {Access: Write, Data: PersonLevel, Scope: Touched},
	"UpsertOrganisation":  {Access: Write, Data: OrgLevel, Scope: Touched},
	"UpsertForum":         {Access: Write, Data: OrgLevel, Scope: Touched},
	"Connect":             {Access: Write, Data: PersonLevel, Scope: Touched},
	"Disconnect":          {Access: Write, Data: PersonLevel, Scope: Touched},
	"RecordParticipation": {Access: Write, Data: PersonLevel, Scope: Touched},
	"DeleteActor":         {Access: Write, Data: OrgLevel | PersonLevel, Scope: Touched},

	// Administration.
	"Import":           {Access: Administer, Data: OrgLevel | PersonLevel},
	"ImportNetwork":    {Access: Administer, Data: OrgLevel | PersonLevel},
	"ImportKumu":       {Access: Administer, Data: OrgLevel | PersonLevel},
	"ImportPlaces":     {Access: Administer, Data: OrgLevel},
	"ImportBoundaries": {Access: Administer, Data: OrgLevel},
	"ImportGiving":     {Access: Administer, Data: OrgLevel | Money},
	"LoadUK":           {Access: Administer, Data: OrgLevel},
	"ForgetPerson":     {Access: Administer, Data: PersonLevel},
	"Erasures":         {Access: Administer, Data: Aggregate},
	"AuditLog":         {Access: Administer, Data: PersonLevel},

	// Surveys, for editors and analysts. A survey lies in its place; its
	// definition names forums and actors to rate (ids only).
	"UpsertSurvey":   {Access: Write, Data: OrgLevel | PersonLevel, Scope: Touched},
	"Invite":         {Access: Write, Data: PersonLevel, Scope: Touched},
	"Survey":         {Access: Read, Data: OrgLevel, Scope: Entity},
	"Surveys":        {Access: Read, Data: OrgLevel, Scope: PlaceArg},
	"Invitations":    {Access: Read, Data: PersonLevel, Scope: Entity},
	"Disputes":       {Access: Read, Data: PersonLevel, Scope: Entity},
	"ResolveDispute": {Access: Write, Data: PersonLevel, Scope: Touched},
	// What a survey adds to the analysis: group-level figures under
	// small-number suppression, for every role that may read them.
	"SurveyCoverage": {Access: Read, Data: Aggregate | GroupLevel, Scope: Entity},
	// Influence as respondents rate it: the actors who are people are
	// left out for a role that may not read person-level data.
	"SurveyInfluence": {Access: Read, Data: OrgLevel | GroupLevel | PersonLevel, Partial: PersonLevel, Scope: Entity},
	// Felt against structural voice: the people of the disagreements are
	// left out for a role that may not read person-level data.
	"SurveyFeltVoice": {Access: Read, Data: Aggregate | GroupLevel | PersonLevel, Partial: PersonLevel, Scope: Entity},

	// The holder of a survey link. LinkPrincipal turns a link's token into
	// its principal (it needs none: the token is the credential).
	"LinkPrincipal":    {Access: Public},
	"Respondent":       {Access: Respond, Data: OrgLevel | PersonLevel, Scope: Self},
	"RespondentSearch": {Access: Respond, Data: OrgLevel | PersonLevel, Scope: Self},
	"GiveConsent":      {Access: Respond, Data: PersonLevel, Scope: Self},
	"SaveDraft":        {Access: Respond, Data: PersonLevel, Scope: Self},
	"SubmitResponse":   {Access: Respond, Data: PersonLevel, Scope: Self},
	"MyData":           {Access: Respond, Data: OrgLevel | PersonLevel, Scope: Self},
	"CorrectMyData":    {Access: Respond, Data: PersonLevel, Scope: Self},
	"DisputeTie":       {Access: Respond, Data: PersonLevel, Scope: Self},
	"WithdrawConsent":  {Access: Respond, Data: PersonLevel, Scope: Self},
}

// Policies returns a copy of the policy table, by operation (the name of
// the Service method).
func Policies() map[string]Policy { return maps.Clone(policies) }

// Operations returns the names of the operations in the table, sorted.
func Operations() []string { return slices.Sorted(maps.Keys(policies)) }
