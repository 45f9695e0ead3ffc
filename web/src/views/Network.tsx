import { useMemo, useRef, useState } from 'preact/hooks';
import type Sigma from 'sigma';
import { useScope } from '../context';
import { ActorPanelDocument, ExportNetworkDocument, type CentralityMeasure, type ExportFormat } from '../generated/graphql';
import { gql } from '../api';
import { useQuery } from '../query';
import { setParams, useLoc } from '../state';
import { Status } from '../components/Figure';
import { Table } from '../components/Table';
import { NetworkMap, type Emphasis } from '../components/NetworkMap';
import { fmtInt, fmtNum } from '../format';
import { formatDate } from '../dates';
import { reasonText } from '../reasons';
import { HIGHLIGHT } from '../palette';
import { mapNodes, neighbours, type ColourBy } from './networkModel';
import { expandParam, useMarks, usePicture } from './networkData';

const MEASURES: { id: CentralityMeasure; label: string }[] = [
  { id: 'BETWEENNESS', label: 'Betweenness (brokers)' },
  { id: 'DEGREE', label: 'Degree (ties)' },
  { id: 'PAGERANK', label: 'PageRank' },
  { id: 'HARMONIC', label: 'Harmonic closeness' },
  { id: 'EIGENVECTOR', label: 'Eigenvector' },
  { id: 'CORENESS', label: 'Coreness' },
];

function download(name: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Network: the map of the scope, laid out by the server. */
export function Network() {
  const s = useScope();
  const { params } = useLoc();
  const measure = (MEASURES.find((m) => m.id === params.get('size'))?.id ?? 'BETWEENNESS') as CentralityMeasure;
  const colourBy = (['community', 'capacity', 'group'].includes(params.get('colour') ?? '') ? params.get('colour') : 'community') as ColourBy;
  const selected = params.get('actor');
  const ego = params.get('ego') === '1';
  const group = params.get('group') ?? '';
  const expand = expandParam(params);
  const [search, setSearch] = useState('');
  const [tableOpen, setTableOpen] = useState(false);
  const sigma = useRef<Sigma | null>(null);

  // The picture is drawn as soon as it arrives; who its actors are, their
  // sizes by a measure and the rings follow (a community view sizes nodes
  // by their members, and asks for no marks).
  const pic = usePicture(s, expand);
  const marks = useMarks(s, pic, measure);
  const selectedNode = pic.nodes.find((n) => n.id === selected);
  const isPerson = !!selectedNode?.actor && 'capacity' in selectedNode.actor;
  const panel = useQuery(ActorPanelDocument, { placeId: s.placeId, asOf: s.asOf, personId: selected ?? '', isPerson }, !selectedNode?.actor);

  const { nodes, legend } = useMemo(() => mapNodes(pic.nodes, marks.shown, colourBy), [pic.nodes, marks.shown, colourBy]);
  const groups = useMemo(() => [...new Set(pic.nodes.flatMap((n) => ((n.actor as { groups?: string[] } | null)?.groups ?? [])))].sort(), [pic.nodes]);
  const path = panel.data?.path?.map((a) => a.id) ?? [];
  const emphasis = useMemo<Emphasis>(() => {
    const em: Emphasis = {};
    if (selected && path.length > 1) em.path = path;
    if (selected && ego) em.only = neighbours(selected, pic.edges);
    if (group) em.dim = new Set(pic.nodes.filter((n) => ((n.actor as { groups?: string[] } | null)?.groups ?? []).includes(group)).map((n) => n.id));
    return em;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selected, ego, group, pic.nodes, pic.edges, panel.data]);

  const select = (id: string | null) => {
    if (id && pic.collapsed && pic.nodes.find((n) => n.id === id)?.isActor === false) {
      setParams({ expand: [...new Set([...expand, id])].join(','), actor: null });
      return;
    }
    setParams({ actor: id, ego: id ? (ego ? '1' : null) : null });
  };
  const exportData = async (format: ExportFormat) => {
    const { exportNetwork } = await gql(ExportNetworkDocument, { placeId: s.placeId, asOf: s.asOf, format });
    const ext = { GRAPHML: 'graphml', GEXF: 'gexf', CSV: 'csv' }[format];
    download(`voicemap-${s.placeId}-${s.asOf}.${ext}`, exportNetwork, ext === 'csv' ? 'text/csv' : 'application/xml');
  };
  const exportPNG = async () => {
    if (!sigma.current) return;
    const { downloadAsPNG } = await import('@sigma/export-image');
    await downloadAsPNG(sigma.current, { fileName: `voicemap-${s.placeId}-${s.asOf}`, backgroundColor: '#ffffff' });
  };
  const score = new Map((marks.data?.centrality ?? []).map((c) => [c.actor.id, c]));
  const ring = new Map(nodes.map((n) => [n.id, n.ring === 'unheard' ? 'unheard voice' : n.ring === 'holder' ? 'decision holder' : '']));
  const voice = panel.data?.voices.find((v) => v.person.id === selected);

  return (
    <section aria-busy={pic.loading || marks.loading || panel.loading} data-testid="view-network" class="network-view">
      <h1>
        The network <span class="sub">of {s.place?.name}, as of {formatDate(s.asOf)}</span>
      </h1>
      <div class="toolbar" role="group" aria-label="Network options">
        <div class="control">
          <label for="size-by">Size by</label>
          <select id="size-by" value={measure} onChange={(e) => setParams({ size: (e.target as HTMLSelectElement).value })}>
            {MEASURES.map((m) => (
              <option value={m.id}>{m.label}</option>
            ))}
          </select>
        </div>
        <div class="control">
          <label for="colour-by">Colour by</label>
          <select id="colour-by" value={colourBy} onChange={(e) => setParams({ colour: (e.target as HTMLSelectElement).value })}>
            <option value="community">Community</option>
            <option value="capacity">Capacity</option>
            <option value="group">Group</option>
          </select>
        </div>
        <div class="control">
          <label for="group-filter">Group</label>
          <select id="group-filter" value={group} onChange={(e) => setParams({ group: (e.target as HTMLSelectElement).value || null })}>
            <option value="">Everyone</option>
            {groups.map((g) => (
              <option value={g}>{g}</option>
            ))}
          </select>
        </div>
        <form
          class="control"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            const q = search.trim().toLowerCase();
            const hit = pic.nodes.find((n) => n.actor?.name.toLowerCase() === q) ?? pic.nodes.find((n) => n.actor?.name.toLowerCase().includes(q));
            if (hit) select(hit.id);
          }}
        >
          <label for="actor-search">Find</label>
          <input id="actor-search" list="actor-names" value={search} onInput={(e) => setSearch((e.target as HTMLInputElement).value)} placeholder="a name" />
          <datalist id="actor-names">
            {/* Suggestions for a network of a readable size; a larger one is searched by what is typed. */}
            {pic.nodes.length <= 2000 && pic.nodes.filter((n) => n.actor).map((n) => <option value={n.actor!.name} />)}
          </datalist>
          <button type="submit">Show</button>
        </form>
        <div class="control exports">
          <span class="control-label">Export</span>
          <button type="button" onClick={exportPNG}>PNG</button>
          <button type="button" onClick={() => exportData('GRAPHML')}>GraphML</button>
          <button type="button" onClick={() => exportData('GEXF')}>GEXF</button>
          <button type="button" onClick={() => exportData('CSV')}>CSV</button>
        </div>
      </div>
      <Status loading={pic.loading && !pic.drawn} error={pic.error ?? marks.error ?? panel.error} />
      {!s.has.layout && <p class="error" role="alert">This server does not offer the network layout (networkLayout) yet.</p>}
      <div class="network-body">
        <div class="network-main">
          <NetworkMap
            nodes={nodes}
            edges={pic.edges}
            selected={selected}
            emphasis={emphasis}
            onSelect={select}
            onReady={(sg) => (sigma.current = sg)}
            label={`Network of ${s.place?.name}: ${pic.nodes.length} ${pic.collapsed ? 'communities and actors' : 'actors'} and ${pic.edges.length} ties. The table below lists them.`}
          />
          <div class="legend" aria-label="Legend">
            <strong>Colour:</strong>
            {legend.map((l) => (
              <span class="key">
                <span class="swatch" style={{ background: l.color }} aria-hidden="true" />
                {l.label}
              </span>
            ))}
            <span class="key">
              <span class="swatch ring-unheard" aria-hidden="true" /> unheard voice
            </span>
            <span class="key">
              <span class="swatch ring-holder" aria-hidden="true" /> decision holder
            </span>
            <span class="key">
              <span class="swatch" style={{ background: HIGHLIGHT }} aria-hidden="true" /> selected and path to power
            </span>
            <span class="key">Size: {MEASURES.find((m) => m.id === measure)?.label}</span>
            {pic.collapsed && <span class="key">Large network: communities are shown as single nodes; click one to open it.</span>}
          </div>
        </div>
        {selectedNode && (
          <aside class="panel" aria-label={`About ${selectedNode.actor?.name ?? selectedNode.id}`} data-testid="actor-panel">
            <button type="button" class="close" aria-label="Close the panel" onClick={() => select(null)}>
              ×
            </button>
            <h2>{selectedNode.actor?.name}</h2>
            <p class="note">
              {selectedNode.actor && 'capacity' in selectedNode.actor
                ? [selectedNode.actor.capacity === 'PROFESSIONAL' ? 'professional' : 'community member', ...(selectedNode.actor.roles ?? []), ...(selectedNode.actor.groups ?? [])].join(' · ')
                : selectedNode.actor && 'kind' in selectedNode.actor
                  ? `organisation · ${String(selectedNode.actor.kind).replace('_', ' ').toLowerCase()}`
                  : ''}
              {` · community ${selectedNode.community}`}
            </p>
            <label class="check">
              <input type="checkbox" checked={ego} onChange={(e) => setParams({ ego: (e.target as HTMLInputElement).checked ? '1' : null })} /> Only this actor and their ties (ego view)
            </label>
            {panel.data && (
              <>
                <Table
                  caption="Scores"
                  rows={(['degree', 'betweenness', 'pagerank', 'harmonic'] as const).map((m) => ({ m, c: panel.data![m].find((c) => c.actor.id === selected) }))}
                  columns={[
                    { label: 'Measure', value: (r) => r.m },
                    { label: 'Score', value: (r) => (r.c ? fmtNum(r.c.score, 4) : 'not in the top 500'), numeric: true },
                    { label: 'Rank', value: (r) => (r.c ? String(r.c.rank) : '—'), numeric: true },
                  ]}
                />
                {voice ? (
                  <div data-testid="voice-reasons">
                    <h3>{voice.unheard ? 'An unheard voice' : 'May go unheard'}</h3>
                    <p>
                      {selectedNode.actor?.name} {voice.reasons.map((r) => reasonText(r, voice.gatekeeper?.name)).join('; ')}.
                    </p>
                  </div>
                ) : null}
                {isPerson && (
                  <div data-testid="path-to-power">
                    <h3>Path to power</h3>
                    {panel.data.path == null ? (
                      <p>No decision holder can be reached.</p>
                    ) : panel.data.path.length === 1 ? (
                      <p>Holds a decision seat.</p>
                    ) : (
                      <ol class="path">
                        {panel.data.path.map((a) => (
                          <li>
                            <button type="button" class="link" onClick={() => select(a.id)}>
                              {a.name}
                            </button>
                          </li>
                        ))}
                      </ol>
                    )}
                  </div>
                )}
              </>
            )}
          </aside>
        )}
      </div>
      {pic.drawn && (
        <details class="figure" onToggle={(e) => setTableOpen((e.currentTarget as HTMLDetailsElement).open)}>
          <summary>The numbers: every {pic.collapsed ? 'node' : 'actor'} on the map</summary>
          {/* Built when opened: a table of thousands of actors is not made for every frame of the slider. */}
          {tableOpen && <Table
            caption={`Actors by ${MEASURES.find((m) => m.id === measure)?.label}`}
            testId="network-table"
            rows={[...pic.nodes].sort((a, b) => (score.get(b.id)?.score ?? -1) - (score.get(a.id)?.score ?? -1) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, 500)}
            columns={[
              {
                label: 'Actor',
                value: (n) => (
                  <button type="button" class="link" onClick={() => select(n.id)}>
                    {n.actor?.name ?? `community ${n.id}`}
                  </button>
                ),
              },
              { label: 'Community', value: (n) => n.community },
              { label: 'Score', value: (n) => fmtNum(score.get(n.id)?.score, 4), numeric: true },
              { label: 'Rank', value: (n) => (score.get(n.id) ? String(score.get(n.id)!.rank) : '—'), numeric: true },
              { label: 'Members', value: (n) => fmtInt(n.size), numeric: true },
              { label: 'Marked', value: (n) => ring.get(n.id) ?? '' },
            ]}
          />}
        </details>
      )}
    </section>
  );
}
