// routes.ts is the one list of the dashboard's views: the navigation, the
// router and the server (dist/routes.json, written by the build) read it.

/** ViewId names a view of the dashboard. */
export type ViewId = 'overview' | 'network' | 'voices' | 'power' | 'money' | 'recommendations' | 'survey' | 'explorer';

/** Route is a view with its path and who may see it. */
export interface Route {
  id: ViewId;
  path: string;
  title: string;
  /** personLevel views read person-level data: never offered to a key that may not. */
  personLevel: boolean;
  /** explorer is offered only when the viewer's explorer flag is set. */
  explorer?: boolean;
}

export const ROUTES: Route[] = [
  { id: 'overview', path: '/', title: 'Overview', personLevel: false },
  { id: 'network', path: '/network', title: 'Network', personLevel: true },
  { id: 'voices', path: '/voices', title: 'Voices', personLevel: false },
  { id: 'power', path: '/power', title: 'Power', personLevel: false },
  { id: 'money', path: '/money', title: 'Money', personLevel: false },
  { id: 'recommendations', path: '/recommendations', title: 'Recommendations', personLevel: true },
  { id: 'survey', path: '/survey', title: 'Survey', personLevel: false },
  { id: 'explorer', path: '/explorer', title: 'Explorer', personLevel: false, explorer: true },
];

/** Access is what the viewer may see, from the API's viewer query. */
export interface Access {
  personLevel: boolean;
  explorer: boolean;
}

/** allowedRoutes are the views offered to a viewer. */
export function allowedRoutes(a: Access): Route[] {
  return ROUTES.filter((r) => (!r.personLevel || a.personLevel) && (!r.explorer || a.explorer));
}

/** routeFor returns the route of a path, or undefined. */
export function routeFor(path: string): Route | undefined {
  return ROUTES.find((r) => r.path === path);
}
