package survey

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/voicemap/voicemap/analysis"
)

// The scale of "how much do you feel your voice is heard on decisions that
// affect you?": 1 not at all, 2 a little, 3 somewhat, 4 mostly, 5
// completely; 0 when the respondent left it unanswered.
const (
	FeltMin = 1
	FeltMax = 5
	// DefaultFeltCut is the usual cut: a respondent feels unheard when they
	// answer at most 2 ("not at all" or "a little"), the bottom two boxes of
	// the five. The midpoint, "somewhat", is not counted as unheard: the
	// respondent must place themselves below the middle of the scale.
	DefaultFeltCut = 2
)

// Respondent is one person's answer to the felt-voice question beside the
// network's verdict on them.
type Respondent struct {
	// Groups are the person's group tags (repeats ignored).
	Groups []string
	// Felt is the answer, FeltMin to FeltMax, or 0 when unanswered.
	Felt int
	// Flagged reports whether the network analysis counts the person as an
	// unheard voice (voice.Voice.Unheard on the survey's date and place).
	Flagged bool
}

// FeltVoice compares, for one group (Group "" for every respondent), who
// says they are not heard with whom the network flags.
type FeltVoice struct {
	Group string
	// Answered counts the group's respondents who answered the question,
	// Unanswered those who did not; only the answered enter the cells.
	Answered, Unanswered int
	// The four cells of the comparison, which sum to Answered:
	//   Both         feels unheard and is flagged: the two agree;
	//   FeltOnly     feels unheard, not flagged: what the map misses;
	//   FlaggedOnly  flagged, does not feel unheard: the map sees an
	//                exclusion the person does not report (or does not mind);
	//   Neither      feels heard and is not flagged.
	Both, FeltOnly, FlaggedOnly, Neither int
	// FeltOnlyPeople and FlaggedOnlyPeople are the indices, in the input,
	// of the respondents of the two cells of disagreement, ascending.
	FeltOnlyPeople, FlaggedOnlyPeople []int
	// MedianFelt is the median answer (see Quantile), nil when no one in
	// the group answered.
	MedianFelt *float64
	// Kappa is Cohen's kappa between the two verdicts (see Kappa), nil
	// when it is undefined.
	Kappa *float64
}

// FeltVsStructural returns the comparison for every respondent (Group "")
// and for each group tag carried by a respondent, sorted by tag. A
// respondent feels unheard when 1 ≤ Felt ≤ cut (DefaultFeltCut is the
// usual cut); the cells are the 2×2 table of that verdict against Flagged.
//
// An answer outside 0..5, or a cut outside 1..4 (where one side of the cut
// would be empty), gives an error wrapping analysis.ErrInvalid.
func FeltVsStructural(rs []Respondent, cut int) ([]FeltVoice, error) {
	if cut < FeltMin || cut >= FeltMax {
		return nil, fmt.Errorf("%w: survey: felt-voice cut %d, want %d to %d", analysis.ErrInvalid, cut, FeltMin, FeltMax-1)
	}
	rows := map[string]*FeltVoice{"": {}}
	answers := map[string][]float64{}
	for i, r := range rs {
		if r.Felt != 0 && (r.Felt < FeltMin || r.Felt > FeltMax) {
			return nil, fmt.Errorf("%w: survey: respondent %d answered %d, want %d to %d or 0 (unanswered)", analysis.ErrInvalid, i, r.Felt, FeltMin, FeltMax)
		}
		tags := append([]string{""}, r.Groups...)
		slices.Sort(tags)
		for j, g := range slices.Compact(tags) {
			if j > 0 && g == "" {
				continue // the everyone row's name, never a tag
			}
			row := rows[g]
			if row == nil {
				row = &FeltVoice{}
				rows[g] = row
			}
			if r.Felt == 0 {
				row.Unanswered++
				continue
			}
			row.Answered++
			answers[g] = append(answers[g], float64(r.Felt))
			switch felt := r.Felt <= cut; {
			case felt && r.Flagged:
				row.Both++
			case felt:
				row.FeltOnly++
				row.FeltOnlyPeople = append(row.FeltOnlyPeople, i)
			case r.Flagged:
				row.FlaggedOnly++
				row.FlaggedOnlyPeople = append(row.FlaggedOnlyPeople, i)
			default:
				row.Neither++
			}
		}
	}
	out := make([]FeltVoice, 0, len(rows))
	for g, row := range rows {
		row.Group = g
		if a := answers[g]; len(a) > 0 {
			slices.Sort(a)
			row.MedianFelt = ptr(Quantile(a, 0.5))
		}
		if k, ok := Kappa(row.Both, row.FeltOnly, row.FlaggedOnly, row.Neither); ok {
			row.Kappa = &k
		}
		out = append(out, *row)
	}
	slices.SortFunc(out, func(a, b FeltVoice) int { return cmp.Compare(a.Group, b.Group) })
	return out, nil
}

// Kappa returns Cohen's kappa for two binary verdicts on the same n = a +
// b + c + d people, where a is "yes" by both, b "yes" by the first only, c
// "yes" by the second only and d "no" by both (Cohen 1960, "A coefficient
// of agreement for nominal scales", Educ. Psychol. Meas. 20:37):
//
//	p_o = (a + d) / n
//	p_e = ((a + b)(a + c) + (c + d)(b + d)) / n²
//	κ   = (p_o − p_e) / (1 − p_e)
//
// κ is 1 for perfect agreement, 0 for the agreement expected by chance
// from the two margins, negative below it. It is undefined (ok false) when
// n = 0 or p_e = 1, that is, when both verdicts give everyone the same
// answer.
func Kappa(a, b, c, d int) (float64, bool) {
	n := float64(a + b + c + d)
	if n == 0 {
		return 0, false
	}
	po := float64(a+d) / n
	pe := (float64(a+b)*float64(a+c) + float64(c+d)*float64(b+d)) / (n * n)
	if pe == 1 {
		return 0, false
	}
	return (po - pe) / (1 - pe), true
}
