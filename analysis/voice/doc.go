// Package voice finds the unheard voices of a place network and the path
// from each person to decision power, the first section of voicemap's
// "voice and power" analyses.
//
// A person's voice is scored by seven reasons, each defined on its own
// type or function: ISOLATED, PERIPHERAL (coreness and harmonic
// centrality), SINGLE_GATEKEEPER (Gatekeepers: one intermediary, an actor
// holding no decision power, separates the person from every decision
// holder, found in O(n + m) with one depth-first search after contracting
// the holders into one node), FAR_FROM_POWER (Hops: no decision holder within two steps),
// CONSULTED_ONLY, NEVER_INVOLVED and JOINED_LATE (from the person's
// participations). "Decision power" is a participation at CO_PRODUCE or
// LEAD in a decision-making forum (Participation.HoldsPower). Unheard
// combines the reasons into a score in [0, 1] and ranks every person;
// Count gives the number of unheard voices; PathToPower and Routes give the
// shortest, or strongest, chain from a person to the nearest decision
// holder.
//
// # The second pass
//
// Tried on a realistic place, the first version surprised a community
// worker; three of the surprises were resolved here, each by a change:
//
//   - A person who takes a seat that a recommendation proposes, at the
//     stage the forum's work has reached (often DELIVERY), was flagged
//     JOINED_LATE: the tool penalised the change it recommended. JOINED_LATE
//     is now a reason of people without a seat only (see JoinedLate): a
//     holder shares the decisions from then on, and how late seats were
//     taken is the forum's practice, which the representation analysis
//     reports per group.
//   - An isolated resident introduced to a decision holder stayed unheard,
//     as their one tie gave them core number 1 (PERIPHERAL). PERIPHERAL no
//     longer makes a voice unheard when the person is tied directly to a
//     decision holder (see Voice.Unheard), as a person tied to a holder is
//     never gated: access to someone who decides is what matters (Lin,
//     Ensel and Vaughn 1981). The reason is still listed, and scored.
//   - Being consulted late scored 4 + 2 = 6, as never being involved.
//     CONSULTED_ONLY now weighs 3, so that consulted late (5) sits strictly
//     below never involved (6), as consultation sits a rung above
//     non-participation on Arnstein's (1969) ladder (see Score).
//
// Like its parent package analysis it is pure: it imports only the
// standard library and analysis, knows nothing of GraphQL or storage, and
// gives the same answer on every run. A caller builds an Input from a store
// snapshot: the graph of actors in scope, their ids, which of them are
// people, and their active participations.
package voice
