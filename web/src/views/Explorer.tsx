// Explorer: GraphiQL, for admins and in development mode. The schema comes
// from /schema.graphql (introspection stays off in production); queries go
// to /graphql with the key in use. GraphiQL brings React: this view is its
// own chunk, loaded only when opened.
import { useEffect, useRef, useState } from 'preact/hooks';
import { getKey } from '../auth';
import { Status } from '../components/Figure';
import { useScope } from '../context';

const DEFAULT_QUERY = (placeId: string, asOf: string) => `# Who brokers the network, and who is left out?
{
  centrality(placeId: "${placeId}", asOf: "${asOf}", measure: BETWEENNESS, first: 5) {
    rank score actor { name }
  }
  unheardVoices(placeId: "${placeId}", asOf: "${asOf}", first: 5) {
    person { name } score reasons
  }
}
`;

export default function Explorer() {
  const s = useScope();
  const box = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<{ message: string; code: string }>();
  useEffect(() => {
    let unmount = () => {};
    let cancelled = false;
    (async () => {
      const [{ createElement }, { createRoot }, { GraphiQL }, { buildSchema }, sdl] = await Promise.all([
        import('react'),
        import('react-dom/client'),
        import('graphiql'),
        import('graphql'),
        fetch('/schema.graphql').then((r) => {
          if (!r.ok) throw new Error(`/schema.graphql answered ${r.status}`);
          return r.text();
        }),
        import('graphiql/graphiql.css'),
      ]);
      if (cancelled || !box.current) return;
      const schema = buildSchema(sdl);
      const fetcher = async (params: unknown) => {
        const headers: Record<string, string> = { 'Content-Type': 'application/json' };
        const key = getKey();
        if (key) headers.Authorization = `Bearer ${key}`;
        const res = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify(params), credentials: 'omit' });
        return res.json();
      };
      const root = createRoot(box.current);
      root.render(createElement(GraphiQL, { fetcher, schema, defaultQuery: DEFAULT_QUERY(s.placeId, s.asOf), isHeadersEditorEnabled: false, shouldPersistHeaders: false, defaultEditorToolsVisibility: false }));
      // GraphiQL's CodeMirror editors leave their input textareas unlabelled
      // and their scroll areas out of the tab order: label them as they appear.
      const label = () => {
        box.current?.querySelectorAll('.CodeMirror textarea:not([aria-label])').forEach((t, i) => t.setAttribute('aria-label', ['Query editor', 'Variables editor', 'Result', 'Editor'][Math.min(i, 3)]));
        box.current?.querySelectorAll('.CodeMirror-scroll:not([tabindex="0"])').forEach((el) => el.setAttribute('tabindex', '0'));
      };
      const obs = new MutationObserver(label);
      obs.observe(box.current, { childList: true, subtree: true });
      unmount = () => {
        obs.disconnect();
        root.unmount();
      };
    })().catch((e: unknown) => setError({ message: String(e), code: 'UNAVAILABLE' }));
    return () => {
      cancelled = true;
      unmount();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <section data-testid="view-explorer" class="explorer-view">
      <h1>
        Explorer <span class="sub">the GraphQL API; the schema is at <a href="/schema.graphql">/schema.graphql</a></span>
      </h1>
      <Status error={error} />
      <div ref={box} class="explorer" />
    </section>
  );
}
