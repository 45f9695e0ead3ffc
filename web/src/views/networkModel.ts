// networkModel.ts: turns the API's answers into what NetworkMap draws
// (pure, unit-tested): sizes by a measure, colours by community, capacity
// or group, the rings of unheard voices and decision holders.
import type { ActorBriefFragment, NetworkMarksQuery } from '../generated/graphql';
import { categoryColour, OTHER } from '../palette';
import type { MapNode } from '../components/NetworkMap';

export type ColourBy = 'community' | 'capacity' | 'group';
/** LayoutNode is a node of the server's picture, with its actor once known (null for a community node, and until the actors arrive). */
export interface LayoutNode {
  id: string;
  x: number;
  y: number;
  size: number;
  community: string;
  isActor: boolean;
  actor: ActorBriefFragment | null;
}

/** LegendItem is one colour of the legend. */
export interface LegendItem {
  label: string;
  color: string;
}

/** UNKNOWN is the category of an actor drawn before the API has said who it is. */
const UNKNOWN = 'not known yet';

const CAPACITY: Record<string, string> = { COMMUNITY_MEMBER: 'community member', PROFESSIONAL: 'professional' };

/** categoryOf returns the category a node is coloured by. */
export function categoryOf(n: LayoutNode, by: ColourBy): string {
  const a = n.actor as (ActorBriefFragment & { capacity?: string; groups?: string[] }) | null;
  switch (by) {
    case 'community':
      return n.community;
    case 'capacity':
      if (!n.isActor) return 'community of actors';
      if (!a) return UNKNOWN;
      return a.capacity ? CAPACITY[a.capacity] : 'organisation';
    case 'group':
      if (!n.isActor) return 'community of actors';
      if (!a) return UNKNOWN;
      return a.groups && a.groups.length > 0 ? [...a.groups].sort()[0] : a.capacity ? 'no group' : 'organisation';
  }
}

/** colouring gives each category a colour: the largest categories first, the rest grey. */
export function colouring(nodes: LayoutNode[], by: ColourBy): { colour: (n: LayoutNode) => string; legend: LegendItem[] } {
  const counts = new Map<string, number>();
  for (const n of nodes) {
    const c = categoryOf(n, by);
    counts.set(c, (counts.get(c) ?? 0) + n.size);
  }
  const order = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'en', { numeric: true })).map(([c]) => c);
  const colours = new Map(order.map((c, i) => [c, counts.get(c)! > 1 || by !== 'community' ? categoryColour(i) : OTHER]));
  const legend = order.slice(0, 9).map((c) => ({ label: by === 'community' ? `community ${c}` : c, color: colours.get(c)! }));
  if (order.length > 9) legend.push({ label: `${order.length - 9} more`, color: OTHER });
  return { colour: (n) => colours.get(categoryOf(n, by)) ?? OTHER, legend };
}

/** mapNodes builds the drawn nodes: size from the measure's score (scaled to 3..16 px; communities by member count), colour, label and ring. */
export function mapNodes(nodes: LayoutNode[], marks: NetworkMarksQuery | undefined, by: ColourBy): { nodes: MapNode[]; legend: LegendItem[] } {
  const score = new Map<string, number>();
  for (const c of marks?.centrality ?? []) score.set(c.actor.id, c.score);
  const max = Math.max(0, ...score.values());
  const unheard = new Set((marks?.unheardVoices ?? []).filter((v) => v.unheard).map((v) => v.person.id));
  const holders = new Set((marks?.powerConcentration.seats.holderList ?? []).map((h) => h.actor.id));
  const maxMembers = Math.max(1, ...nodes.map((n) => n.size));
  const { colour, legend } = colouring(nodes, by);
  return {
    legend,
    nodes: nodes.map((n) => ({
      id: n.id,
      label: n.isActor ? (n.actor?.name ?? '') : `community ${n.id} (${n.size})`,
      x: n.x,
      y: n.y,
      size: n.isActor ? 3 + (max > 0 ? 13 * Math.sqrt((score.get(n.id) ?? 0) / max) : 0) : 5 + 17 * Math.sqrt(n.size / maxMembers),
      color: colour(n),
      ring: unheard.has(n.id) ? 'unheard' : holders.has(n.id) ? 'holder' : undefined,
    })),
  };
}

/** neighbours returns the node and the nodes tied to it. */
export function neighbours(id: string, edges: { source: string; target: string }[]): Set<string> {
  const out = new Set([id]);
  for (const e of edges) {
    if (e.source === id) out.add(e.target);
    if (e.target === id) out.add(e.source);
  }
  return out;
}
