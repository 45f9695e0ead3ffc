// Package ladder is the vocabulary of participation that the store and
// every analysis share, defined once: the rungs of the participation
// ladder, the stages of a piece of work at which someone joins it, and the
// capacity in which a person takes part.
//
// The ladder follows the practice of co-production (Arnstein's "ladder of
// citizen participation", 1969, and the Think Local Act Personal ladder of
// co-production): INFORM < CONSULT < CO_DESIGN < CO_PRODUCE < LEAD, where
// CO_PRODUCE and LEAD share the decision and the rungs below do not.
// Levels and stages are numbered by rank, lowest first, so that analyses
// compare them as integers; their names are the values the store keeps and
// the API sends.
package ladder

// Level is a rung of the participation ladder, by rank.
type Level int

// The rungs, lowest first.
const (
	Inform Level = iota
	Consult
	CoDesign
	CoProduce
	Lead
)

var levelNames = [...]string{"INFORM", "CONSULT", "CO_DESIGN", "CO_PRODUCE", "LEAD"}

// Levels are the rungs, lowest first.
var Levels = []Level{Inform, Consult, CoDesign, CoProduce, Lead}

// HoldsPower reports whether l shares the decision (CO_PRODUCE or LEAD)
// when exercised in a decision-making forum.
func (l Level) HoldsPower() bool { return l >= CoProduce }

// Valid reports whether l is a rung of the ladder.
func (l Level) Valid() bool { return l >= Inform && l <= Lead }

// String returns l's name ("CO_PRODUCE"), or "" for an invalid level.
func (l Level) String() string {
	if !l.Valid() {
		return ""
	}
	return levelNames[l]
}

// ParseLevel returns the level named name, and whether there is one.
func ParseLevel(name string) (Level, bool) {
	for i, n := range levelNames {
		if n == name {
			return Level(i), true
		}
	}
	return -1, false
}

// Stage is the stage of a piece of work at which an actor joined it, by
// rank: "if people aren't involved from the first meetings ... it's not
// co-creation".
type Stage int

// The stages, earliest first.
const (
	Idea Stage = iota
	Design
	Delivery
	Evaluation
)

var stageNames = [...]string{"IDEA", "DESIGN", "DELIVERY", "EVALUATION"}

// Stages are the stages, earliest first.
var Stages = []Stage{Idea, Design, Delivery, Evaluation}

// Valid reports whether s is a stage.
func (s Stage) Valid() bool { return s >= Idea && s <= Evaluation }

// String returns s's name ("DESIGN"), or "" for an invalid stage.
func (s Stage) String() string {
	if !s.Valid() {
		return ""
	}
	return stageNames[s]
}

// ParseStage returns the stage named name, and whether there is one.
func ParseStage(name string) (Stage, bool) {
	for i, n := range stageNames {
		if n == name {
			return Stage(i), true
		}
	}
	return -1, false
}

// Capacity says whether a person takes part as a community member (with
// lived experience) or as a professional (paid staff, commissioner,
// officer); its values are the names the store keeps and the API sends.
type Capacity string

// The capacities.
const (
	Community    Capacity = "COMMUNITY_MEMBER"
	Professional Capacity = "PROFESSIONAL"
)

// Capacities are the capacities.
var Capacities = []Capacity{Community, Professional}

// Valid reports whether c is a capacity.
func (c Capacity) Valid() bool { return c == Community || c == Professional }
