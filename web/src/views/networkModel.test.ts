// Unit tests of the Network view's model against the networkLayout
// contract (typed mocks of the API's answers).
import { describe, expect, it } from 'vitest';
import type { NetworkMarksQuery } from '../generated/graphql';
import { colouring, mapNodes, neighbours, type LayoutNode } from './networkModel';
import { CATEGORY, OTHER } from '../palette';

type Nodes = LayoutNode[];

const person = (id: string, name: string, groups: string[], capacity: 'COMMUNITY_MEMBER' | 'PROFESSIONAL') => ({ __typename: 'Person' as const, id, name, groups, roles: [], capacity });
const nodes: Nodes = [
  { id: 'a', x: 0, y: 0, size: 1, community: 'c1', isActor: true, actor: person('a', 'Ann', ['parent'], 'COMMUNITY_MEMBER') },
  { id: 'b', x: 1, y: 0, size: 1, community: 'c1', isActor: true, actor: person('b', 'Bob', [], 'PROFESSIONAL') },
  { id: 'c', x: 0, y: 1, size: 1, community: 'c2', isActor: true, actor: person('c', 'Cat', ['young person', 'carer'], 'COMMUNITY_MEMBER') },
  { id: 'o', x: 1, y: 1, size: 1, community: 'c3', isActor: true, actor: { __typename: 'Organisation' as const, id: 'o', name: 'Org', kind: 'VOLUNTARY' } },
] as Nodes;
const marks: NetworkMarksQuery = {
  centrality: [
    { rank: 1, score: 0.5, actor: { id: 'b' } },
    { rank: 2, score: 0.125, actor: { id: 'a' } },
  ],
  unheardVoices: [
    { unheard: true, person: { id: 'c' } },
    { unheard: false, person: { id: 'a' } },
  ],
  powerConcentration: { seats: { holderList: [{ seats: 2, actor: { id: 'b' } }] } },
} as NetworkMarksQuery;

describe('mapNodes', () => {
  it('sizes by the square root of the score share, rings unheard voices and holders', () => {
    const { nodes: out } = mapNodes(nodes, marks, 'community');
    const by = Object.fromEntries(out.map((n) => [n.id, n]));
    expect(by.b.size).toBeCloseTo(16);
    expect(by.a.size).toBeCloseTo(3 + 13 * 0.5);
    expect(by.c.size).toBe(3);
    expect(by.c.ring).toBe('unheard');
    expect(by.a.ring).toBeUndefined();
    expect(by.b.ring).toBe('holder');
    expect(by.o.label).toBe('Org');
  });
  it('sizes a community node by its members when collapsed', () => {
    const collapsed = [{ id: 'c1', x: 0, y: 0, size: 40, community: 'c1', isActor: false, actor: null }, { id: 'c2', x: 1, y: 1, size: 10, community: 'c2', isActor: false, actor: null }] as Nodes;
    const { nodes: out } = mapNodes(collapsed, undefined, 'community');
    expect(out[0].size).toBeCloseTo(22);
    expect(out[1].size).toBeCloseTo(5 + 17 * Math.sqrt(0.25));
    expect(out[0].label).toBe('community c1 (40)');
  });
});

describe('colouring', () => {
  it('gives the largest community the first colour and singletons grey', () => {
    const { colour, legend } = colouring(nodes, 'community');
    expect(colour(nodes[0])).toBe(CATEGORY[0]);
    expect(colour(nodes[2])).toBe(OTHER);
    expect(legend[0]).toEqual({ label: 'community c1', color: CATEGORY[0] });
  });
  it('colours by capacity and by first group', () => {
    expect(colouring(nodes, 'capacity').legend.map((l) => l.label).sort()).toEqual(['community member', 'organisation', 'professional']);
    expect(colouring(nodes, 'group').legend.map((l) => l.label).sort()).toEqual(['carer', 'no group', 'organisation', 'parent']);
  });
});

describe('neighbours', () => {
  it('is the ego network', () => {
    expect([...neighbours('a', [{ source: 'a', target: 'b' }, { source: 'c', target: 'a' }, { source: 'b', target: 'c' }])].sort()).toEqual(['a', 'b', 'c']);
  });
});
