package store

import (
	"fmt"

	"github.com/voicemap/voicemap/analysis/ladder"
)

// Consent is a person's consent status for holding and analysing their data.
type Consent string

// Consent statuses.
const (
	ConsentGiven     Consent = "GIVEN"
	ConsentWithdrawn Consent = "WITHDRAWN"
	ConsentUnknown   Consent = "UNKNOWN"
)

// Capacity says whether a person takes part as a community member (with
// lived experience) or as a professional (paid staff, commissioner,
// officer): ladder.Capacity, defined with the participation ladder.
type Capacity = ladder.Capacity

// Capacities.
const (
	CapacityCommunity    = ladder.Community
	CapacityProfessional = ladder.Professional
)

// OrgKind is the kind of an organisation.
type OrgKind string

// Organisation kinds.
const (
	OrgCommunityGroup OrgKind = "COMMUNITY_GROUP"
	OrgVoluntary      OrgKind = "VOLUNTARY"
	OrgPublicBody     OrgKind = "PUBLIC_BODY"
	OrgFunder         OrgKind = "FUNDER"
	OrgSchool         OrgKind = "SCHOOL"
	OrgHealth         OrgKind = "HEALTH"
	OrgResearch       OrgKind = "RESEARCH"
	OrgBusiness       OrgKind = "BUSINESS"
	OrgOther          OrgKind = "OTHER"
)

// RelKind is the kind of a relationship between two actors.
type RelKind string

// Relationship kinds.
const (
	RelKnows        RelKind = "KNOWS"
	RelWorksWith    RelKind = "WORKS_WITH"
	RelMemberOf     RelKind = "MEMBER_OF"
	RelEmployedBy   RelKind = "EMPLOYED_BY"
	RelRepresents   RelKind = "REPRESENTS"
	RelPartnersWith RelKind = "PARTNERS_WITH"
	RelFunds        RelKind = "FUNDS"
	RelAdvises      RelKind = "ADVISES"
	RelRefersTo     RelKind = "REFERS_TO"
)

// Level is a rung on the participation ladder by its name:
// INFORM < CONSULT < CO_DESIGN < CO_PRODUCE < LEAD. The ladder itself (its
// order, and which rungs share the decision) is package ladder's; these are
// its names as the store keeps them and the API sends them.
type Level string

// Participation levels, lowest first.
const (
	LevelInform    Level = "INFORM"
	LevelConsult   Level = "CONSULT"
	LevelCoDesign  Level = "CO_DESIGN"
	LevelCoProduce Level = "CO_PRODUCE"
	LevelLead      Level = "LEAD"
)

// Stage is the stage of a piece of work at which an actor joined it, by
// its name (the order is package ladder's).
type Stage string

// Stages, earliest first.
const (
	StageIdea       Stage = "IDEA"
	StageDesign     Stage = "DESIGN"
	StageDelivery   Stage = "DELIVERY"
	StageEvaluation Stage = "EVALUATION"
)

// The valid values of each enumeration, in their natural order.
var (
	Consents   = []Consent{ConsentGiven, ConsentWithdrawn, ConsentUnknown}
	Capacities = ladder.Capacities
	OrgKinds   = []OrgKind{OrgCommunityGroup, OrgVoluntary, OrgPublicBody, OrgFunder, OrgSchool, OrgHealth, OrgResearch, OrgBusiness, OrgOther}
	RelKinds   = []RelKind{RelKnows, RelWorksWith, RelMemberOf, RelEmployedBy, RelRepresents, RelPartnersWith, RelFunds, RelAdvises, RelRefersTo}
	Levels     = names[Level](ladder.Levels)
	Stages     = names[Stage](ladder.Stages)
)

// names returns the names of the rungs or stages xs, in their order.
func names[N ~string, T fmt.Stringer](xs []T) []N {
	out := make([]N, len(xs))
	for i, x := range xs {
		out[i] = N(x.String())
	}
	return out
}

func indexOf[T comparable](xs []T, x T) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

// Valid reports whether c is a known consent status.
func (c Consent) Valid() bool { return indexOf(Consents, c) >= 0 }

// Valid reports whether k is a known organisation kind.
func (k OrgKind) Valid() bool { return indexOf(OrgKinds, k) >= 0 }

// Valid reports whether k is a known relationship kind.
func (k RelKind) Valid() bool { return indexOf(RelKinds, k) >= 0 }

// Valid reports whether l is a known participation level.
func (l Level) Valid() bool { return indexOf(Levels, l) >= 0 }

// Rank is l's position on the ladder, 0 for INFORM up to 4 for LEAD, -1 if unknown.
func (l Level) Rank() int { return indexOf(Levels, l) }

// Rung returns l as a rung of the ladder, and whether it is one.
func (l Level) Rung() (ladder.Level, bool) { return ladder.ParseLevel(string(l)) }

// HoldsPower reports whether the level holds a share of decision power
// (ladder.Level.HoldsPower), when exercised in a decision-making forum.
func (l Level) HoldsPower() bool {
	r, ok := l.Rung()
	return ok && r.HoldsPower()
}

// Valid reports whether s is a known stage.
func (s Stage) Valid() bool { return indexOf(Stages, s) >= 0 }

// Rank is s's position, 0 for IDEA up to 3 for EVALUATION, -1 if unknown.
func (s Stage) Rank() int { return indexOf(Stages, s) }

// Ladder returns s as a stage of package ladder, and whether it is one.
func (s Stage) Ladder() (ladder.Stage, bool) { return ladder.ParseStage(string(s)) }
