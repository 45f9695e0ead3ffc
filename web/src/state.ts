// state.ts: the dashboard's state lives in the URL (path = view, query =
// place, date and the view's choices), so a view can be shared and
// reloaded. The API key never goes there (see auth.ts).
import { useEffect, useState } from 'preact/hooks';

const listeners = new Set<() => void>();

function notify(): void {
  for (const l of listeners) l();
}

if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

/** Loc is the current path and query. */
export interface Loc {
  path: string;
  params: URLSearchParams;
}

function current(): Loc {
  return { path: location.pathname, params: new URLSearchParams(location.search) };
}

/** useLoc re-renders the caller when the URL changes. */
export function useLoc(): Loc {
  const [loc, setLoc] = useState(current);
  useEffect(() => {
    const l = () => setLoc(current());
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, []);
  return loc;
}

function write(path: string, params: URLSearchParams, replace: boolean): void {
  const q = params.toString();
  const url = path + (q ? `?${q}` : '');
  if (url === location.pathname + location.search) return;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  notify();
}

/** navigate goes to a view, keeping the shared parameters (place, asOf). */
export function navigate(path: string, extra: Record<string, string> = {}): void {
  const old = new URLSearchParams(location.search);
  const params = new URLSearchParams();
  for (const k of ['place', 'asOf']) {
    const v = old.get(k);
    if (v) params.set(k, v);
  }
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  write(path, params, false);
}

/** setParams changes query parameters (null removes one). replace keeps the history entry (for a slider being dragged). */
export function setParams(values: Record<string, string | null>, replace = false): void {
  const params = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(values)) {
    if (v == null || v === '') params.delete(k);
    else params.set(k, v);
  }
  write(location.pathname, params, replace);
}
