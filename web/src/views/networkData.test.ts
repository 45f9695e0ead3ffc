// Unit tests of the map's data: the picture's columns turned into nodes
// and ties, and the actors joined to them when they arrive.
import { describe, expect, it } from 'vitest';
import type { NetworkActorsQuery, NetworkPictureQuery } from '../generated/graphql';
import { pictureEdges, pictureNodes, pictureVars } from './networkData';
import { mapNodes } from './networkModel';

const picture: NetworkPictureQuery['networkLayout'] = {
  collapsed: true,
  columns: {
    ids: ['c1', 'a', 'b'],
    x: [0, 1, 2],
    y: [5, 6, 7],
    size: [40, 1, 1],
    community: ['c1', 'c2', 'c2'],
    isActor: [false, true, true],
    source: [0, 1],
    target: [1, 2],
    weight: [3, 0.5],
  },
};
const actors = {
  networkLayout: {
    nodes: [
      { id: 'c1', actor: null },
      { id: 'a', actor: { __typename: 'Person', id: 'a', name: 'Ann', groups: ['parent'], roles: [], capacity: 'COMMUNITY_MEMBER' } },
      { id: 'b', actor: { __typename: 'Organisation', id: 'b', name: 'Org', kind: 'VOLUNTARY' } },
    ],
  },
} as NetworkActorsQuery;

describe('pictureNodes', () => {
  it('reads node i from entry i of every column', () => {
    const nodes = pictureNodes(picture, undefined);
    expect(nodes.map((n) => [n.id, n.x, n.y, n.size, n.community, n.isActor])).toEqual([
      ['c1', 0, 5, 40, 'c1', false],
      ['a', 1, 6, 1, 'c2', true],
      ['b', 2, 7, 1, 'c2', true],
    ]);
    expect(nodes.every((n) => n.actor === null)).toBe(true);
  });
  it('joins the actors when they arrive, and names nothing before', () => {
    const before = mapNodes(pictureNodes(picture, undefined), undefined, 'capacity');
    expect(before.nodes.map((n) => n.label)).toEqual(['community c1 (40)', '', '']);
    expect(before.legend.map((l) => l.label).sort()).toEqual(['community of actors', 'not known yet']);
    const after = mapNodes(pictureNodes(picture, actors), undefined, 'capacity');
    expect(after.nodes.map((n) => n.label)).toEqual(['community c1 (40)', 'Ann', 'Org']);
    expect(after.legend.map((l) => l.label).sort()).toEqual(['community member', 'community of actors', 'organisation']);
    // The same positions either way: the map restyles, it does not rebuild.
    expect(after.nodes.map((n) => [n.x, n.y])).toEqual(before.nodes.map((n) => [n.x, n.y]));
  });
});

describe('pictureEdges', () => {
  it('names each tie by the ids its indexes point at', () => {
    expect(pictureEdges(picture)).toEqual([
      { source: 'c1', target: 'a', weight: 3 },
      { source: 'a', target: 'b', weight: 0.5 },
    ]);
  });
});

describe('pictureVars', () => {
  it('asks without expand when no community is open, so the prefetched answer is the one the view asks for', () => {
    expect(JSON.stringify(pictureVars({ placeId: 'p', asOf: '2025-01-01' }, []))).toBe(JSON.stringify({ placeId: 'p', asOf: '2025-01-01', maxNodes: 15000 }));
    expect(pictureVars({ placeId: 'p', asOf: '2025-01-01' }, ['c2']).expand).toEqual(['c2']);
  });
});
