import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { PlaceItemFragment, ViewerQuery } from './generated/graphql';

/** Scope is what every view shows: the viewer, the place and the date. */
export interface Scope {
  viewer: ViewerQuery['viewer'];
  places: PlaceItemFragment[];
  placeId: string;
  place: PlaceItemFragment | undefined;
  asOf: string;
  /** trendFrom is the first date of the as-of slider, where trends start. */
  trendFrom: string;
  /** has says which optional parts of the schema the server offers. */
  has: Capabilities;
}

/** Capabilities are schema fields the dashboard uses only when the server has them (read from /schema.graphql). */
export interface Capabilities {
  layout: boolean;
  geometry: boolean;
}

/** capabilities reads them from the schema's text. */
export function capabilities(sdl: string): Capabilities {
  return { layout: /\bnetworkLayout\s*\(/.test(sdl), geometry: /\bgeometry\s*:\s*String\b/.test(sdl) };
}

export const ScopeContext = createContext<Scope | null>(null);

export function useScope(): Scope {
  const s = useContext(ScopeContext);
  if (!s) throw new Error('useScope outside the dashboard');
  return s;
}
