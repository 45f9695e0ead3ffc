// Package funding sets money against need: which places receive less grant
// funding than a need-weighted fair share would give them (Underserved), and
// how concentrated a set of grants is across its recipients (Concentration).
// It answers the funder who found "areas in receipt of proportionately less
// grant funding" and went to work with them.
//
// # Which grants count
//
// A grant counts when it is in the analysed currency (Options.Currency,
// GBP by default, compared case-insensitively), was awarded within the
// window [Options.From, Options.To] (inclusive at both ends, compared by
// calendar day, so a grant awarded at 18:00 on the To day counts), and, when
// Options.FunderID is set, comes from that funder. Amounts in different
// currencies are never added together: grants that pass the funder and date
// filters but are in another currency are totalled per currency in
// Report.OtherCurrencies, so nothing disappears silently; to analyse them,
// ask again with that currency.
//
// # Splitting a grant among its places
//
// A grant's beneficiary places share its amount equally: a grant of A to k
// distinct places gives A/k to each. 360Giving records do not say how money
// divides between beneficiary locations, and the equal split is the neutral
// assumption that needs no population (so places without one still receive
// a defined amount), keeps every pound counted exactly once, and can be
// checked by hand. It does not depend on the scope asked about: a place's
// share of a grant is the same whichever places are analysed, and shares
// going to places outside the scope are totalled in Totals.OutOfScope.
// Beneficiary places are matched by id and should be leaf places; a caller
// whose grant names a containing place (a whole town) expands it into its
// leaves first.
//
// # The need-weighted fair share
//
// Among the ranked places (those in scope with a known, positive
// population) the money they received, T = Σ awarded_p, is shared out again
// in proportion to population times need:
//
//	weight_p     = population_p × need_p
//	fairShare_p  = T × weight_p / Σ_q weight_q
//	gap_p        = fairShare_p − awarded_p      (positive: under-served)
//	gapPerHead_p = gap_p / population_p
//
// so that Σ fairShare = T and Σ gap = 0: the fair share redistributes the
// same money, it does not ask for more. need_p is a weight whose average is
// 1, read from the place's need index and its scale (Place.NeedScale,
// compared case-insensitively):
//
//   - a scale containing "DECILE" is an Index of Multiple Deprivation
//     decile d, 1 the most deprived tenth and 10 the least:
//     need = (11 − d) / 5.5, which runs from 10/5.5 ≈ 1.82 (decile 1) down
//     to 1/5.5 ≈ 0.18 (decile 10) and averages 1 over the ten deciles, so a
//     resident of a decile-1 place counts ten times one of a decile-10
//     place;
//   - a scale containing "SCORE" is an IMD score s, higher more deprived:
//     need = s / s̄, where s̄ is the mean score over the ranked places
//     carrying a score on the same scale (each score scale is normalised
//     separately; if s̄ is 0, or no ranked place has that scale, every
//     place on it has need 1);
//   - no need index, or any other scale (a rank, a free label), gives
//     need = 1, average need, and the place is flagged NeedKnown = false.
//
// When every place shares one scale the normalisation cancels out of the
// fair share; it matters only when scales mix, where it puts a place of
// average need on any scale at weight 1. Some ranked place always has a
// positive weight, so Σ weight > 0 whenever a place is ranked.
//
// # The rank
//
// Ranked places are ordered by gap per head, largest first (rank 1 is the
// most under-served), ties by place id. Per head, because the absolute gap
// grows with population: ranking by it would put a large, slightly
// under-served place ahead of a small place that received nothing. The gap
// per head is the fair amount per resident minus the amount per resident
// received, in the currency's units.
//
// Places with no population (nil, or 0) cannot be given a per-head figure
// or a fair share; they are never dropped but listed in Report.Unranked,
// sorted by id, with the money they received, and their total is
// Totals.Unranked.
//
// # Concentration
//
// Concentration totals the counted grants per recipient organisation and
// reports the Gini coefficient and the Herfindahl–Hirschman index of those
// totals (power.Gini and power.HHI: population Gini convention, HHI on
// shares in (0, 1]), the top recipient's share and the number of
// recipients. ConcentrationIn does the same for the shares of grants going
// to the places in a scope.
//
// # Reach
//
// Reach asks whether money goes to organisations that reach hidden voices:
// an organisation reaches a person when a shortest path between them, in
// ties and ignoring strength, is at most ReachHops (2) long. Given the
// money per recipient (ConcentrationReport.ByRecipient) and the target
// people with their group tags, it reports the share of the money held by
// recipients reaching at least one target, each recipient's reach, and,
// per group tag, how many targets carry it and how many are reached.
// Recipients outside the network reach nobody.
//
// Like its parent package analysis it is pure: it imports only the standard
// library, analysis and analysis/power, declares its own small input types
// that an adapter fills from a store, and gives the same, sorted answer on
// every run whatever the order of its input. Invalid input (a negative or
// non-finite amount, a grant without currency, a repeated id, a decile out
// of 1..10) gives an error wrapping analysis.ErrInvalid. No figure is NaN
// or infinite: a figure that cannot be defined is nil.
package funding
