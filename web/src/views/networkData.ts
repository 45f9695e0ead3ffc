// networkData.ts: what the Network and Recommendations views ask for to
// draw the map, asked in one way: the picture (the layout column by
// column) first, then who its actors are. Small and free of the drawing
// libraries, so that the dashboard can start fetching the picture while
// the map's code is still loading.
import { useEffect, useMemo } from 'preact/hooks';
import { NetworkActorsDocument, NetworkMarksDocument, NetworkPictureDocument, type CentralityMeasure, type NetworkActorsQuery, type NetworkMarksQuery, type NetworkPictureQuery, type NetworkPictureQueryVariables } from '../generated/graphql';
import type { Scope } from '../context';
import { prefetch, useLatest, useQuery, type Result } from '../query';
import type { LayoutNode } from './networkModel';
import type { MapEdge } from '../components/NetworkMap';

/**
 * MAX_NODES is the size cap above which the server collapses communities
 * into single nodes: sigma.js draws 15,000 actors and their ties smoothly
 * in software WebGL; beyond that the community view stays responsive.
 */
export const MAX_NODES = 15_000;

const NO_NODES: LayoutNode[] = [];
const NO_EDGES: MapEdge[] = [];

/** pictureVars are the variables of the picture and of its actors, for a scope and the communities opened. */
export function pictureVars(s: Pick<Scope, 'placeId' | 'asOf'>, expand: string[]): NetworkPictureQueryVariables {
  return { placeId: s.placeId, asOf: s.asOf, maxNodes: MAX_NODES, expand: expand.length ? expand : undefined };
}

/** expandParam reads the communities opened from the URL's expand parameter. */
export function expandParam(params: URLSearchParams): string[] {
  return (params.get('expand') ?? '').split(',').filter(Boolean);
}

/** asking counts the map views on screen: each asks for its own pictures (and gives up those it no longer wants, as the slider moves). */
let asking = 0;

/**
 * prefetchPicture starts fetching the picture of a scope for a map view
 * about to open: while the view's code loads, and before the view's own
 * effects, which run after its map has set up WebGL. It does nothing while
 * a map view is on screen (that view asks, and can cancel).
 */
export function prefetchPicture(s: Pick<Scope, 'placeId' | 'asOf'>, expand: string[]): void {
  if (asking > 0) return;
  prefetch(NetworkPictureDocument, pictureVars(s, expand));
}

/** pictureNodes are the picture's nodes, with their actors once known. */
export function pictureNodes(p: NetworkPictureQuery['networkLayout'], actors: NetworkActorsQuery | undefined): LayoutNode[] {
  const c = p.columns;
  const known = new Map((actors?.networkLayout.nodes ?? []).map((n) => [n.id, n.actor ?? null]));
  return c.ids.map((id, i) => ({ id, x: c.x[i], y: c.y[i], size: c.size[i], community: c.community[i], isActor: c.isActor[i], actor: known.get(id) ?? null }));
}

/** pictureEdges are the picture's ties, named by their ends' ids. */
export function pictureEdges(p: NetworkPictureQuery['networkLayout']): MapEdge[] {
  const c = p.columns;
  return c.source.map((s, j) => ({ source: c.ids[s], target: c.ids[c.target[j]], weight: c.weight[j] }));
}

/** Picture is the map's data as a view uses it. */
export interface Picture {
  collapsed: boolean | undefined;
  nodes: LayoutNode[];
  edges: MapEdge[];
  /** drawn is true once a picture has arrived (the previous one stays while the next is on its way); ready once the one asked for has. */
  drawn: boolean;
  ready: boolean;
  actorsKnown: boolean;
  loading: boolean;
  error: ReturnType<typeof useQuery>['error'];
}

/** usePicture asks for the picture of a scope, then for its actors. */
export function usePicture(s: Scope, expand: string[]): Picture {
  useEffect(() => {
    asking++;
    return () => void asking--;
  }, []);
  const vars = pictureVars(s, expand);
  const picture = useQuery(NetworkPictureDocument, vars, !s.has.layout);
  const nl = picture.data?.networkLayout;
  // Who the actors are is asked once this picture (not the previous one,
  // kept on screen meanwhile) has arrived, so as not to compete with it.
  const ready = !!nl && !picture.loading;
  const actors = useQuery(NetworkActorsDocument, vars, !s.has.layout || !ready);
  const known = useLatest(actors.data);
  const nodes = useMemo(() => (nl ? pictureNodes(nl, known) : NO_NODES), [nl, known]);
  const edges = useMemo(() => (nl ? pictureEdges(nl) : NO_EDGES), [nl]);
  return {
    collapsed: nl?.collapsed,
    nodes,
    edges,
    drawn: !!nl,
    ready,
    actorsKnown: !!known,
    loading: picture.loading || actors.loading,
    error: picture.error ?? actors.error,
  };
}

/** Marks are the sizes by a measure and the rings of a picture: the query's state, and what to draw. */
export interface Marks extends Result<NetworkMarksQuery> {
  /** shown are the marks to draw: the previous picture's until this one's are asked for; none for a community view. */
  shown: NetworkMarksQuery | undefined;
}

/** useMarks asks for the marks of a picture once it has arrived (a community view has none). */
export function useMarks(s: Scope, pic: Picture, measure: CentralityMeasure): Marks {
  const marks = useQuery(NetworkMarksDocument, { placeId: s.placeId, asOf: s.asOf, measure }, !s.has.layout || !pic.ready || !!pic.collapsed);
  const held = useLatest(marks.data);
  return { ...marks, shown: pic.collapsed ? undefined : held };
}
