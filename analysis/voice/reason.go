package voice

// Reason is why a person's voice may go unheard. Its values are the names of
// the GraphQL enum VoiceReason.
type Reason string

// The reasons, in the fixed order in which a Voice lists them.
const (
	// Isolated: the person has no relationship in scope (degree 0).
	Isolated Reason = "ISOLATED"
	// Peripheral: the person has ties but sits in the outer shell of the
	// network (core number 1, Seidman 1983) or strictly below the 10th
	// percentile of harmonic centrality (see HarmonicThreshold).
	Peripheral Reason = "PERIPHERAL"
	// SingleGatekeeper: the person can reach a decision holder, holds no
	// decision power, and every path from the person to every decision
	// holder passes through one same other actor who holds none either, an
	// intermediary (see Gatekeepers): a person tied to a holder is not
	// gated.
	SingleGatekeeper Reason = "SINGLE_GATEKEEPER"
	// FarFromPower: the person holds no decision power and no decision
	// holder is within 2 steps (hops), or none can be reached (see Hops).
	FarFromPower Reason = "FAR_FROM_POWER"
	// ConsultedOnly: the person takes part in at least one forum, but never
	// above CONSULT in any of them.
	ConsultedOnly Reason = "CONSULTED_ONLY"
	// NeverInvolved: the person takes part in no forum.
	NeverInvolved Reason = "NEVER_INVOLVED"
	// JoinedLate: the person holds no decision power, takes part in at
	// least one decision-making forum, and joined every one of them at
	// DELIVERY or EVALUATION, after the work was shaped ("if people aren't
	// involved from the first meetings ... it's not co-creation"): asked,
	// or asked to co-design, once the frame was set. A decision holder is
	// never JOINED_LATE, however late they took their seat: they share the
	// decisions from then on, and the stage at which seats were taken is a
	// property of the forum's practice, reported per group by the
	// representation analysis (involved from the start), not a reason the
	// holder's voice goes unheard. Otherwise taking the seat a
	// recommendation proposes, at the stage the forum has reached, would
	// earn the new holder a reason.
	JoinedLate Reason = "JOINED_LATE"
)

// Reasons lists every reason in the fixed order.
var Reasons = []Reason{Isolated, Peripheral, SingleGatekeeper, FarFromPower, ConsultedOnly, NeverInvolved, JoinedLate}

// FarHops is the distance, in steps, beyond which a person is FAR_FROM_POWER:
// a decision holder within FarHops steps is near.
const FarHops = 2

// weights are the points of each reason out of maxPoints. See Score.
var weights = map[Reason]int{
	Isolated:         8,
	Peripheral:       1,
	SingleGatekeeper: 7,
	FarFromPower:     6,
	ConsultedOnly:    3,
	NeverInvolved:    6,
	JoinedLate:       2,
}

// maxPoints is the largest total of points that one person can collect:
// max(ISOLATED, SINGLE_GATEKEEPER + PERIPHERAL) + FAR_FROM_POWER +
// max(NEVER_INVOLVED, CONSULTED_ONLY + JOINED_LATE) = 8 + 6 + max(6, 5) = 20.
const maxPoints = 20

// Weight returns the points of reason r out of 20 (0 for an unknown reason).
func Weight(r Reason) int { return weights[r] }

// Score combines reasons into a number in [0, 1]: the sum of their points
// divided by 20, the largest sum that one person can collect.
//
//	score = Σ_{r ∈ reasons} points(r) / 20
//
//	ISOLATED 8, SINGLE_GATEKEEPER 7, FAR_FROM_POWER 6, NEVER_INVOLVED 6,
//	CONSULTED_ONLY 3, JOINED_LATE 2, PERIPHERAL 1
//
// Isolation and gatekeeping weigh most: an isolated person has no tie
// through which to be heard, and a gated person is heard only if one other
// actor chooses to pass their voice on. Distance from power and never
// taking part come next; being consulted but never deciding, joining late
// and sitting at the edge of the network weigh least, as milder forms of
// the same exclusion. Some reasons cannot occur together (an isolated person
// is neither peripheral nor gated; a person never involved is neither
// consulted-only nor a late joiner), so the largest reachable sum is
// max(8, 7+1) + 6 + max(6, 3+2) = 20: an isolated person who takes part in
// no forum scores exactly 1, as does a gated, peripheral, far person who
// takes part in no forum. A person with no reason scores 0.
//
// The participation reasons are ordered by Arnstein's ladder (S. R.
// Arnstein 1969, "A ladder of citizen participation", J. Am. Inst.
// Planners 35:216): informing and consultation are "degrees of tokenism",
// a rung above "non-participation", so being consulted, even late, weighs
// strictly less than never being involved: CONSULTED_ONLY + JOINED_LATE =
// 5 < NEVER_INVOLVED = 6, and consulted from the start (3) less again.
func Score(reasons []Reason) float64 {
	points := 0
	for _, r := range reasons {
		points += weights[r]
	}
	return float64(points) / maxPoints
}
