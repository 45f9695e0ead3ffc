import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { lazy, Suspense } from 'preact/compat';
import { clearKey, getKey } from './auth';
import { ApiError, gql } from './api';
import { PlaceListDocument, PlaceTreeDocument, ViewerDocument, type PlaceItemFragment, type ViewerQuery } from './generated/graphql';
import { allowedRoutes, routeFor, type Route } from './routes';
import { navigate, setParams, useLoc } from './state';
import { isIsoDate, sliderSteps, today } from './dates';
import { capabilities, ScopeContext, type Capabilities, type Scope } from './context';
import { clearCache } from './query';
import { Login } from './components/Login';
import { PlacePicker, treeOrder } from './components/PlacePicker';
import { DateSlider } from './components/DateSlider';
import { Status } from './components/Figure';
import { plotModule } from './components/Plot';
import { Overview } from './views/Overview';
import { Voices } from './views/Voices';
import { Power } from './views/Power';
import { Money } from './views/Money';
import { expandParam, prefetchPicture } from './views/networkData';
import { Survey } from './views/Survey';

// The views that draw the network (sigma.js, WebGL) and the explorer
// (GraphiQL, React) are chunks of their own, loaded when opened.
const Explorer = lazy(() => import('./views/Explorer'));
const networkCode = () => import('./views/Network');
const recommendationsCode = () => import('./views/Recommendations');
const Network = lazy(() => networkCode().then((m) => ({ default: m.Network })));
const Recommendations = lazy(() => recommendationsCode().then((m) => ({ default: m.Recommendations })));
// Opened on a map's view, the page loads the map's code while it boots;
// on any other view, the charts' (Observable Plot, a chunk of its own).
if (location.pathname === '/network') void networkCode();
else if (location.pathname === '/recommendations') void recommendationsCode();
else if (location.pathname !== '/explorer') void plotModule();

type Boot =
  | { state: 'loading' }
  | { state: 'login'; message?: string }
  | { state: 'error'; error: ApiError }
  | { state: 'ready'; viewer: ViewerQuery['viewer']; places: PlaceItemFragment[]; has: Capabilities };

/** flattenTree lists a scoped key's places and the places below them once each. */
function flattenTree(tops: { node: PlaceItemFragment & { children?: { edges: { node: unknown }[] } } }[]): PlaceItemFragment[] {
  const out = new Map<string, PlaceItemFragment>();
  const visit = (p: PlaceItemFragment & { children?: { edges: { node: unknown }[] } }) => {
    const { children, ...place } = p;
    out.set(place.id, place as PlaceItemFragment);
    for (const e of children?.edges ?? []) visit(e.node as PlaceItemFragment);
  };
  for (const e of tops) visit(e.node);
  return [...out.values()];
}

async function boot(): Promise<Boot> {
  try {
    // On a server that asks for keys, ask for one before the first request.
    const conf = (await fetch('/dashboard.json').then((r) => (r.ok ? r.json() : {}))) as { keysRequired?: boolean };
    if (conf.keysRequired && !getKey()) return { state: 'login' };
    // The schema (for the capabilities) travels beside the viewer and places.
    const schema = fetch('/schema.graphql').then((r) => (r.ok ? r.text() : ''));
    schema.catch(() => undefined);
    const { viewer } = await gql(ViewerDocument, {});
    const places =
      viewer.places.length === 0
        ? (await gql(PlaceListDocument, {})).places.edges.map((e) => e.node)
        : flattenTree((await gql(PlaceTreeDocument, {})).places.edges);
    return { state: 'ready', viewer, places, has: capabilities(await schema) };
  } catch (err) {
    const e = err instanceof ApiError ? err : new ApiError(String(err), 'UNAVAILABLE');
    if (e.code === 'UNAUTHENTICATED') {
      const had = getKey() != null;
      clearKey();
      return { state: 'login', message: had ? 'That key was not accepted: it is invalid, unknown or revoked.' : undefined };
    }
    return { state: 'error', error: e };
  }
}

// The first boot starts as this module is evaluated, beside the map's
// code: not from the App's first effect, which runs only after the first
// paint and the map's code have been evaluated (150-200 ms later on a
// cached page load of the 10,000-actor place, each of the boot's requests
// waiting behind them).
let firstBoot: Promise<Boot> | null = boot();

const ROLE_TEXT: Record<string, string> = { ADMIN: 'Admin', EDITOR: 'Editor', ANALYST: 'Analyst', FUNDER: 'Funder' };

export function App() {
  const [b, setBoot] = useState<Boot>({ state: 'loading' });
  const reload = useCallback(() => {
    const booting = firstBoot ?? boot();
    if (!firstBoot) {
      clearCache();
      setBoot({ state: 'loading' });
    }
    firstBoot = null;
    void booting.then(setBoot);
  }, []);
  useEffect(reload, [reload]);

  if (b.state === 'loading') return <main id="main"><Status loading /></main>;
  if (b.state === 'login') return <Login message={b.message} onKey={reload} />;
  if (b.state === 'error')
    return (
      <main id="main">
        <Status error={b.error} />
      </main>
    );
  return <Dashboard viewer={b.viewer} places={b.places} has={b.has} onLogout={getKey() ? () => { clearKey(); reload(); } : undefined} />;
}

function Dashboard(props: { viewer: ViewerQuery['viewer']; places: PlaceItemFragment[]; has: Capabilities; onLogout?: () => void }) {
  const { viewer, places } = props;
  const loc = useLoc();
  const routes = allowedRoutes(viewer);
  const route: Route | undefined = routeFor(loc.path);
  const end = useMemo(today, []);
  const steps = useMemo(() => sliderSteps(end), [end]);
  const asOfParam = loc.params.get('asOf');
  const asOf = isIsoDate(asOfParam) ? asOfParam : end;
  const ordered = useMemo(() => treeOrder(places), [places]);
  const placeParam = loc.params.get('place');
  const known = places.find((p) => p.id === placeParam);
  const place = known ?? ordered[0]?.place;
  const placeId = place?.id ?? '';
  const onDate = useCallback((d: string, dragging: boolean) => setParams({ asOf: d === end ? null : d }, dragging), [end]);

  const scope: Scope = { viewer, places, placeId, place, asOf, trendFrom: steps[0], has: props.has };
  const allowed = route != null && routes.some((r) => r.id === route.id);
  // The map's picture starts on its way as the dashboard renders, before
  // the view that draws it has mounted (its code may still be loading, and
  // once mounted its effects run after the map's own WebGL set-up): started
  // in the render, it precedes the view's effect, which takes the answer on
  // its way. prefetch asks once a key and not for what is cached, and
  // prefetchPicture not at all once a map view is on screen.
  if (allowed && route && placeId && props.has.layout && (route.id === 'network' || route.id === 'recommendations')) {
    prefetchPicture({ placeId, asOf }, route.id === 'network' ? expandParam(loc.params) : []);
  }
  return (
    <ScopeContext.Provider value={scope}>
      <a class="skip" href="#main">
        Skip to the content
      </a>
      <header class="top">
        <div class="brand">
          <span class="logo" aria-hidden="true" />
          voicemap
        </div>
        <div class="controls">
          <PlacePicker places={places} value={placeId} onChange={(id) => setParams({ place: id })} />
          <DateSlider steps={steps} value={asOf} onChange={onDate} />
          <div class="role" data-testid="role">
            <span class="role-label">Role</span> <strong>{ROLE_TEXT[viewer.role] ?? viewer.role}</strong>
            {viewer.places.length > 0 && <span class="note"> · {viewer.places.map((p) => p.name).join(', ')}</span>}
            {props.onLogout && (
              <button type="button" class="link" onClick={props.onLogout}>
                Sign out
              </button>
            )}
          </div>
        </div>
        <nav aria-label="Views">
          <ul>
            {routes.map((r) => (
              <li>
                <a
                  href={r.path + location.search}
                  aria-current={route?.id === r.id ? 'page' : undefined}
                  onClick={(e) => {
                    if (e.ctrlKey || e.metaKey || e.shiftKey) return;
                    e.preventDefault();
                    navigate(r.path);
                  }}
                >
                  {r.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      {placeParam && !known && (
        <p class="error banner" role="alert" data-testid="place-refused">
          The place “{placeParam}” is not one your key may read; showing {place?.name ?? 'nothing'} instead.
        </p>
      )}
      <main id="main" tabIndex={-1}>
        {!place ? (
          <p>No places are stored yet: import place data first (see the README).</p>
        ) : !allowed ? (
          <section>
            <h1>{route ? 'Not available to your key' : 'Page not found'}</h1>
            <p>{route ? `The ${route.title} view shows data your key's role may not read.` : 'There is no such view.'}</p>
          </section>
        ) : (
          <View id={route.id} />
        )}
      </main>
    </ScopeContext.Provider>
  );
}

function View(props: { id: Route['id'] }) {
  switch (props.id) {
    case 'overview':
      return <Overview />;
    case 'network':
      return (
        <Suspense fallback={<Status loading />}>
          <Network />
        </Suspense>
      );
    case 'voices':
      return <Voices />;
    case 'power':
      return <Power />;
    case 'money':
      return <Money />;
    case 'recommendations':
      return (
        <Suspense fallback={<Status loading />}>
          <Recommendations />
        </Suspense>
      );
    case 'survey':
      return <Survey />;
    case 'explorer':
      return (
        <Suspense fallback={<Status loading />}>
          <Explorer />
        </Suspense>
      );
  }
}
