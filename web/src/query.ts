// query.ts: useQuery runs an operation when its variables change, with a
// small in-memory cache (so moving the date slider back is instant) and
// the aborting of answers no longer wanted.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { TypedDocumentString } from './generated/graphql';
import { ApiError, gql } from './api';

/** Result is the state of a query. */
export interface Result<R> {
  data: R | undefined;
  error: ApiError | undefined;
  loading: boolean;
}

const cache = new Map<string, unknown>();
const MAX_CACHE = 200;
/** pending are the answers prefetched and still on their way, by key. */
const pending = new Map<string, Promise<unknown>>();

function keyOf<R, V>(doc: TypedDocumentString<R, V>, vars: V): string {
  return doc.toString() + '\n' + JSON.stringify(vars);
}

function remember(key: string, data: unknown): void {
  if (cache.size >= MAX_CACHE) cache.delete(cache.keys().next().value as string);
  cache.set(key, data);
}

/**
 * prefetch starts an operation that a view about to be loaded will ask for
 * with the same variables, so that its answer travels while the view's code
 * does; useQuery then takes the answer on its way instead of asking again.
 */
export function prefetch<R, V>(doc: TypedDocumentString<R, V>, vars: V): void {
  const key = keyOf(doc, vars);
  if (cache.has(key) || pending.has(key)) return;
  const p = gql(doc, vars).then((data) => {
    remember(key, data);
    return data;
  });
  pending.set(key, p);
  p.catch(() => undefined).finally(() => pending.delete(key));
}

/** clearCache forgets every answer (on a change of key). */
export function clearCache(): void {
  cache.clear();
}

/** useQuery runs doc with vars unless skip; the same doc and vars are answered from the cache. */
export function useQuery<R, V>(doc: TypedDocumentString<R, V>, vars: V, skip = false): Result<R> {
  const key = keyOf(doc, vars);
  // skipped marks a state set while the query was skipped: once it is not,
  // the query is loading until its effect has asked (or found the answer
  // in the cache), so that a view never looks settled in between.
  const [state, setState] = useState<Result<R> & { key: string; skipped: boolean }>(() => ({ data: cache.get(key) as R | undefined, error: undefined, loading: !skip && !cache.has(key), key, skipped: skip }));
  useEffect(() => {
    if (skip) {
      setState({ data: undefined, error: undefined, loading: false, key, skipped: true });
      return;
    }
    if (cache.has(key)) {
      setState({ data: cache.get(key) as R, error: undefined, loading: false, key, skipped: false });
      return;
    }
    const ctl = new AbortController();
    setState((s) => ({ data: s.data, error: undefined, loading: true, key, skipped: false }));
    const prefetched = pending.get(key) as Promise<R> | undefined;
    (prefetched ?? gql(doc, vars, ctl.signal)).then(
      (data) => {
        if (ctl.signal.aborted) return;
        if (!prefetched) remember(key, data);
        setState({ data, error: undefined, loading: false, key, skipped: false });
      },
      (err: unknown) => {
        if (ctl.signal.aborted) return;
        const e = err instanceof ApiError ? err : new ApiError(String(err), 'UNAVAILABLE');
        setState({ data: undefined, error: e, loading: false, key, skipped: false });
      },
    );
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, skip]);
  // While a new answer is on its way, the previous one stays on screen.
  if (skip) return { data: undefined, error: undefined, loading: false };
  return { data: state.data, error: state.error, loading: state.loading || state.key !== key || state.skipped };
}

/** useQueries runs one operation once per set of variables (a list whose length may change), answered together. */
export function useQueries<R, V>(doc: TypedDocumentString<R, V>, varsList: V[], skip = false): Result<R[]> {
  const key = doc.toString() + '\n' + JSON.stringify(varsList);
  const [state, setState] = useState<Result<R[]> & { key: string }>({ data: undefined, error: undefined, loading: !skip, key });
  useEffect(() => {
    if (skip) return;
    const ctl = new AbortController();
    setState((s) => ({ data: s.data, error: undefined, loading: true, key }));
    Promise.all(
      varsList.map((v) => {
        const k = doc.toString() + '\n' + JSON.stringify(v);
        if (cache.has(k)) return Promise.resolve(cache.get(k) as R);
        return gql(doc, v, ctl.signal).then((d) => {
          cache.set(k, d);
          return d;
        });
      }),
    ).then(
      (data) => setState({ data, error: undefined, loading: false, key }),
      (err: unknown) => {
        if (ctl.signal.aborted) return;
        setState({ data: undefined, error: err instanceof ApiError ? err : new ApiError(String(err), 'UNAVAILABLE'), loading: false, key });
      },
    );
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, skip]);
  if (skip) return { data: undefined, error: undefined, loading: false };
  return { data: state.data, error: state.error, loading: state.loading || state.key !== key };
}

/** Fresh is a query's state with a way to ask again. */
export interface Fresh<R> extends Result<R> {
  refresh: () => void;
}

/** useFresh runs doc with vars, uncached (data that the page itself changes), again when tick changes or refresh is called. */
export function useFresh<R, V>(doc: TypedDocumentString<R, V>, vars: V, tick: number, skip = false): Fresh<R> {
  const key = doc.toString() + '\n' + JSON.stringify(vars);
  const [n, setN] = useState(0);
  const [state, setState] = useState<Result<R>>({ data: undefined, error: undefined, loading: !skip });
  useEffect(() => {
    if (skip) return;
    const ctl = new AbortController();
    setState((s) => ({ data: s.data, error: undefined, loading: true }));
    gql(doc, vars, ctl.signal).then(
      (data) => setState({ data, error: undefined, loading: false }),
      (err: unknown) => {
        if (ctl.signal.aborted) return;
        setState({ data: undefined, error: err instanceof ApiError ? err : new ApiError(String(err), 'UNAVAILABLE'), loading: false });
      },
    );
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick, n, skip]);
  return { ...state, refresh: () => setN((x) => x + 1) };
}

/**
 * useLatest keeps the last answer while the next one is not asked for yet
 * (a query skipped until another has arrived answers nothing meanwhile),
 * so that what is on screen does not blink away and back.
 */
export function useLatest<T>(value: T | undefined): T | undefined {
  const last = useRef(value);
  if (value !== undefined) last.current = value;
  return value ?? last.current;
}
