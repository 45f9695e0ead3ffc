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
// Like its parent package analysis it is pure: it imports only the
// standard library and analysis, knows nothing of GraphQL or storage, and
// gives the same answer on every run. A caller builds an Input from a store
// snapshot: the graph of actors in scope, their ids, which of them are
// people, and their active participations.
package voice
