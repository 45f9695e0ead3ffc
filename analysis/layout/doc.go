// Package layout places the nodes of a network in the plane with
// ForceAtlas2 (Jacomy, Venturini, Heymann & Bastian 2014, "ForceAtlas2, a
// Continuous Graph Layout Algorithm for Handy Network Visualization
// Designed for the Gephi Software", PLoS ONE 9(6): e98679,
// doi:10.1371/journal.pone.0098679), following Gephi's implementation
// (ForceAtlas2.java and ForceFactory.java, Gephi 0.10), with Barnes–Hut
// approximation of the repulsion (Barnes & Hut 1986, Nature 324:446).
//
// Like its parent package analysis it is pure (it imports only the
// standard library and analysis, whose Graph it lays out) and
// deterministic: the same graph and Options give the same positions on
// every run, whatever the number of workers.
//
// # Force model
//
// Node i has mass m_i = deg(i) + 1 (Options.Masses may override it). With
// d the distance between two nodes, the forces on node i are:
//
//   - repulsion from every other node j: k_r·m_i·m_j / d, away from j
//     (Scaling k_r);
//   - attraction along every tie of strength w: w^δ·d towards the
//     neighbour, or w^δ·log(1 + d) with LinLog (EdgeWeightInfluence δ);
//   - gravity: k_g·m_i towards the origin, or k_g·m_i·d with strong
//     gravity (Gravity k_g).
//
// This is the (attraction 1, repulsion 0) energy model of Noack (2007): the
// forces are minus the gradient of the energy computed by Energy. With
// PreventOverlap (Gephi's adjustSizes) nodes are discs of radius
// Options.Sizes: the distance in the repulsion becomes the gap d' between
// the discs (k_r·m_i·m_j·d/d'², and 100·k_r·m_i·m_j while they overlap),
// and attraction stops while they overlap.
//
// # Barnes–Hut
//
// Each iteration builds a quadtree of the positions (cells split while
// they hold more than 4 nodes). The repulsion on node i sums the tree from
// the root: a cell of side s whose centre of mass lies at distance d acts
// as one body of the cell's total mass when s/d < θ and the cell does not
// contain i; otherwise its children (or, in a leaf, its nodes one by one)
// are visited. Options.Theta defaults to Gephi's θ = 1.2; θ = 0 sums every
// pair exactly. On 2,000 nodes, θ = 1.2 gives a median per-node error of
// about 1.4% on the repulsive force and θ = 0.5 about 0.14% (tests state
// the bounds).
//
// # Adaptive speed
//
// Nodes move by their force F_i times a local speed. The swinging of a
// node is |F_i(t) − F_i(t−1)| (a change of direction), its traction
// |F_i(t) + F_i(t−1)|/2 (useful movement). The global speed is
// s = τ·η·tra(G)/swg(G), with tra and swg the mass-weighted sums over the
// nodes, τ the jitter tolerance scaled for the graph's size and η a speed
// efficiency adjusted as Gephi does, and rises by at most 50% per
// iteration; node i then moves by F_i·s/(1 + √(s·m_i·swg(i))), so a
// swinging node slows down (see state.adjustSpeed).
//
// # Stopping rule
//
// ForceAtlas2 as published runs until stopped. Layout stops after
// Options.Patience (5) consecutive iterations in which the mean distance
// the nodes moved is below Options.Tolerance (0.003) times the RMS distance
// of the nodes from their centroid, or after Options.MaxIterations (1,000).
// On structured networks the picture is settled well before: on a planted
// partition of 5,000 nodes in 20 groups the rule stops after 76
// iterations, and a stricter 0.002 runs 216 for the same separation of
// the groups; on a Barabási–Albert graph, which has no structure to find,
// it takes about 240.
//
// # Disconnected parts
//
// With Options.PackComponents, once the layout has settled, every
// connected component but the largest is moved as a whole next to the
// largest, along the ray from its centre, clear of the others (see
// packComponents); ForceAtlas2 alone leaves isolated nodes far out.
//
// # Warm starts
//
// Given initial positions (Options.Initial), the layout continues from
// them: known nodes start where they were, new ones next to their
// neighbours, and the new ones settle first among the fixed others. A
// layout already settled stops after a few iterations, so nodes whose
// neighbourhood did not change barely move (tests bound it), while the
// neighbourhood of a change moves towards its new balance. Nodes can be
// pinned (Options.Fixed, Gephi's fixed nodes): they act on the others but
// do not move. Without pinned nodes the result is rotated and moved as a
// whole onto the initial positions (a rigid least-squares fit), so the
// picture keeps its place and orientation.
package layout
