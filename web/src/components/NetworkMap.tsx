// NetworkMap draws a network laid out by the server (networkLayout) with
// sigma.js 3 on WebGL: positions come from the API, the page only draws.
import { useEffect, useRef, useState } from 'preact/hooks';
import Graph from 'graphology';
import Sigma from 'sigma';
import { EdgeLineProgram, EdgeRectangleProgram } from 'sigma/rendering';
import { pickOnDemand, RingedNodeProgram } from './ringedNode';
import { framing } from './framing';
import { inFrames, warmUpSteps } from './warmUp';
import { HIGHLIGHT, MARK } from '../palette';

/** MapNode is a node as drawn. */
export interface MapNode {
  id: string;
  label: string;
  x: number;
  y: number;
  size: number;
  color: string;
  /** ring marks unheard voices (a thick ring) and decision holders (a ring with a gap). */
  ring?: 'unheard' | 'holder';
}

/** MapEdge is a tie as drawn. */
export interface MapEdge {
  source: string;
  target: string;
  weight: number;
}

/** Emphasis is what a view highlights: nodes, a chain of nodes drawn as a path, and proposed ties. */
export interface Emphasis {
  nodes?: Set<string>;
  path?: string[];
  proposed?: [string, string][];
  /** only, when set, hides every node not in it (the ego view). */
  only?: Set<string>;
  /** dim greys out nodes not in it (a group filter). */
  dim?: Set<string>;
}

/** Frame is a frame of the map on screen: what it drew, and when (performance.now). */
interface Frame {
  order: number;
  size: number;
  at: number;
}

declare global {
  interface Window {
    /** __voicemapNetwork lets the browser tests find nodes on the canvas. */
    __voicemapNetwork?: { sigma: Sigma; graph: Graph; rendered?: Frame; firstRendered?: Frame };
  }
}

/** nodeStyle is what a node's marks set on the drawn graph. */
function nodeStyle(n: MapNode) {
  return {
    size: n.size,
    label: n.label,
    color: n.color,
    ring: n.ring === 'unheard' ? 0.32 : n.ring === 'holder' ? 0.16 : 0,
    gap: n.ring === 'holder' ? 0.16 : 0,
    zIndex: n.ring ? 1 : 0,
  };
}

/** samePlaces tells whether g holds exactly these nodes at these positions. */
function samePlaces(g: Graph, nodes: MapNode[]): boolean {
  if (g.order !== nodes.length) return false;
  for (const n of nodes) {
    if (!g.hasNode(n.id)) return false;
    const a = g.getNodeAttributes(n.id);
    if (a.x !== n.x || a.y !== n.y) return false;
  }
  return true;
}

/**
 * THIN_ABOVE is the number of ties above which they are drawn as hairlines
 * (gl.LINES, one pixel, no antialiasing) rather than as quads whose width
 * follows the weight: in software WebGL (no GPU) filling tens of thousands
 * of antialiased quads takes seconds a frame, hairlines a fraction of it.
 * Highlighted ties (a path to power, a proposed tie) stay thick.
 */
const THIN_ABOVE = 5000;

/** buildGraph makes the graph to draw, with no renderer listening while it grows. */
function buildGraph(nodes: MapNode[], edges: MapEdge[]): Graph {
  const g = new Graph({ type: 'undirected', multi: false });
  for (const n of nodes) g.addNode(n.id, { x: n.x, y: n.y, ringColor: MARK, ...nodeStyle(n) });
  const type = edges.length > THIN_ABOVE ? 'thin' : 'line';
  for (const e of edges) {
    if (e.source !== e.target && g.hasNode(e.source) && g.hasNode(e.target) && !g.hasEdge(e.source, e.target)) {
      g.addEdge(e.source, e.target, { type, size: Math.min(4, 0.6 + Math.log1p(e.weight) * 0.6) });
    }
  }
  return g;
}

export function NetworkMap(props: {
  nodes: MapNode[];
  edges: MapEdge[];
  selected?: string | null;
  emphasis?: Emphasis;
  onSelect?: (id: string | null) => void;
  label: string;
  onReady?: (s: Sigma) => void;
  height?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  const sigma = useRef<Sigma | null>(null);
  const graph = useRef<Graph | null>(null);
  /** framed is the graph drawn with the camera framed on it. */
  const framed = useRef<Graph | null>(null);
  /** highlighted are the ties the emphasis marked or added, undone before the next. */
  const highlighted = useRef<string[]>([]);
  const onSelect = useRef(props.onSelect);
  onSelect.current = props.onSelect;

  // The sigma instance lives as long as the component.
  useEffect(() => {
    const g = new Graph({ type: 'undirected', multi: false });
    const s = new Sigma(g, box.current!, {
      defaultNodeType: 'ringed',
      nodeProgramClasses: { ringed: RingedNodeProgram },
      edgeProgramClasses: { line: EdgeRectangleProgram, thin: EdgeLineProgram },
      labelRenderedSizeThreshold: 9,
      labelFont: 'system-ui, sans-serif',
      labelSize: 12,
      zIndex: true,
      defaultEdgeColor: '#c8c8c8',
      minCameraRatio: 0.05,
      maxCameraRatio: 4,
    });
    const drawPicking = pickOnDemand(s);
    // Each frame drawn of a graph framed by framing is recorded for the
    // benchmarks: what was drawn, and when it was on screen (the next
    // animation frame: sigma returns once its draw calls are issued, and
    // software WebGL draws them after); the first frame of each graph is
    // kept apart from the latest.
    s.on('afterRender', () => {
      const hook = window.__voicemapNetwork;
      const drawn = s.getGraph();
      if (hook?.sigma !== s || drawn !== framed.current) return;
      const what = { order: drawn.order, size: drawn.size };
      requestAnimationFrame(() => {
        if (window.__voicemapNetwork !== hook) return;
        hook.rendered = { ...what, at: performance.now() };
        if (hook.graph === drawn && !hook.firstRendered) hook.firstRendered = hook.rendered;
      });
    });
    // The first draw of each WebGL program builds it (tens of milliseconds
    // each in software WebGL): done now, one program a frame, with
    // invisible nodes and ties, while the picture is still on its way, and
    // given up as soon as a picture is drawn.
    let live = true;
    void inFrames(warmUpSteps(s, drawPicking, g), () => live && graph.current === g);
    s.on('clickNode', ({ node }) => onSelect.current?.(node));
    s.on('clickStage', () => onSelect.current?.(null));
    s.on('enterNode', () => box.current?.classList.add('pointer'));
    s.on('leaveNode', () => box.current?.classList.remove('pointer'));
    sigma.current = s;
    graph.current = g;
    window.__voicemapNetwork = { sigma: s, graph: g };
    props.onReady?.(s);
    return () => {
      live = false;
      s.kill();
      if (window.__voicemapNetwork?.sigma === s) delete window.__voicemapNetwork;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The graph follows the nodes and edges given. A new layout (other
  // nodes, positions or ties) builds a new graph away from sigma and swaps
  // it in whole, so sigma indexes it once instead of once per added node
  // and tie; new marks on the same layout (sizes, colours, rings) update
  // the drawn graph's attributes in one pass.
  const drawnEdges = useRef<MapEdge[] | null>(null);
  // applied are the nodes and ties the drawn graph holds, for data-drawn:
  // the view's figures can be settled (aria-busy false) one render before
  // this effect has put their names and sizes on the map.
  const [applied, setApplied] = useState<{ nodes: MapNode[]; edges: MapEdge[] } | null>(null);
  useEffect(() => {
    const s = sigma.current!;
    const g = graph.current!;
    performance.mark('network:draw-start');
    if (props.edges === drawnEdges.current && samePlaces(g, props.nodes)) {
      const byId = new Map(props.nodes.map((n) => [n.id, n]));
      g.updateEachNodeAttributes((id, attr) => ({ ...attr, ...nodeStyle(byId.get(id)!) }), { attributes: ['size', 'label', 'color', 'ring', 'gap', 'zIndex'] });
      performance.measure('network:restyle', 'network:draw-start');
      setApplied({ nodes: props.nodes, edges: props.edges });
      return;
    }
    const next = buildGraph(props.nodes, props.edges);
    graph.current = next;
    drawnEdges.current = props.edges;
    highlighted.current = [];
    window.__voicemapNetwork = { sigma: s, graph: next, rendered: window.__voicemapNetwork?.rendered };
    // The camera is framed before the swap: sigma's setGraph indexes and
    // draws the new graph at once, and that draw is then the first frame
    // (framed after, the graph would be drawn twice, once with the
    // previous date's camera).
    framed.current = next;
    s.getCamera().setState(framing(props.nodes.map((n) => n.x), props.nodes.map((n) => n.y)));
    s.setGraph(next);
    performance.measure('network:build', 'network:draw-start');
    setApplied({ nodes: props.nodes, edges: props.edges });
  }, [props.nodes, props.edges]);

  // Emphasis: the selection, a path to power, proposed ties, ego view and filters.
  useEffect(() => {
    const s = sigma.current!;
    const g = graph.current!;
    const em = props.emphasis ?? {};
    const sel = props.selected ?? null;
    for (const e of highlighted.current) {
      if (!g.hasEdge(e)) continue;
      if (g.getEdgeAttribute(e, 'extra')) g.dropEdge(e);
      else g.removeEdgeAttribute(e, 'highlight');
    }
    highlighted.current = [];
    const pathPairs = new Set<string>();
    const path = em.path ?? [];
    const addExtra = (a: string, b: string, color: string) => {
      if (!g.hasNode(a) || !g.hasNode(b) || a === b) return;
      const key = [a, b].sort().join('|');
      pathPairs.add(key);
      const e = g.edge(a, b);
      if (e !== undefined) {
        g.setEdgeAttribute(e, 'highlight', color);
        highlighted.current.push(e);
      } else highlighted.current.push(g.addEdge(a, b, { extra: true, highlight: color, size: 3 }));
    };
    for (let i = 0; i + 1 < path.length; i++) addExtra(path[i], path[i + 1], HIGHLIGHT);
    for (const [a, b] of em.proposed ?? []) addExtra(a, b, HIGHLIGHT);
    const focus = new Set<string>([...(em.nodes ?? []), ...path, ...(sel ? [sel] : []), ...(em.proposed ?? []).flat()]);
    const anyFocus = focus.size > 0 && (path.length > 1 || (em.proposed?.length ?? 0) > 0 || (em.nodes?.size ?? 0) > 0);
    // Reducers run for every node and tie at every refresh: none at all
    // when nothing is emphasised, and, when something is, they change the
    // copy sigma hands them (sigma copies the attributes before reducing).
    const marked = new Set<string>([...path, ...(sel ? [sel] : []), ...(em.proposed ?? []).flat()]);
    if (focus.size === 0 && !em.only && !em.dim && highlighted.current.length === 0) {
      // Setting a reducer re-indexes the whole graph at the next frame: not
      // when there was none.
      if (s.getSetting('nodeReducer')) s.setSetting('nodeReducer', null);
      if (s.getSetting('edgeReducer')) s.setSetting('edgeReducer', null);
      return;
    }
    s.setSetting('nodeReducer', (node, data) => {
      if (em.only && !em.only.has(node)) {
        data.hidden = true;
        return data;
      }
      if (focus.has(node)) {
        data.forceLabel = true;
        data.zIndex = 2;
        if (marked.has(node)) {
          data.ringColor = HIGHLIGHT;
          data.ring = Math.max(0.3, (data.ring as number) || 0);
          data.gap = 0;
        }
      } else if (anyFocus || (em.dim && !em.dim.has(node))) {
        data.color = '#e4e4e4';
        data.ringColor = '#bbbbbb';
        if (anyFocus) data.label = '';
        data.zIndex = 0;
      }
      return data;
    });
    const byEnds = !!em.only || !!em.dim;
    s.setSetting('edgeReducer', (edge, data) => {
      if (byEnds) {
        // The graph drawn, which a new layout may have replaced since this reducer was set.
        const [a, b] = s.getGraph().extremities(edge);
        if (em.only && (!em.only.has(a) || !em.only.has(b))) {
          data.hidden = true;
          return data;
        }
        if (!data.highlight && em.dim && (!em.dim.has(a) || !em.dim.has(b))) data.color = '#efefef';
      }
      if (data.highlight) {
        data.color = data.highlight as string;
        data.size = 3;
        data.zIndex = 2;
        data.type = 'line';
      } else if (anyFocus) data.color = '#efefef';
      return data;
    });
  }, [props.emphasis, props.selected, props.nodes, props.edges]);

  const drawn = applied?.nodes === props.nodes && applied.edges === props.edges;
  return <div ref={box} class="network" style={props.height ? { height: `${props.height}px` } : undefined} role="img" aria-label={props.label} data-testid="network-canvas" data-drawn={drawn ? 'true' : 'false'} />;
}
