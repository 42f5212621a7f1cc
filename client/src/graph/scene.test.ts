import { describe, expect, it } from 'vitest';
import type { GraphNodeT } from '../api/types.js';
import { edgeFixture, nodeFixture } from '../../../contract/fixtures.js';
import type { DataState } from '../state/data.js';
import { defaultView, type ViewState } from '../state/view.js';
import { buildScene, passesDate } from './scene.js';

const node = (id: string, kind: GraphNodeT['kind'] = 'Person', date: GraphNodeT['date'] = null): GraphNodeT =>
  nodeFixture(id, { name: id.toUpperCase(), kind, date });
const edge = edgeFixture;

function data(partial: Partial<DataState>): DataState {
  return { nodes: {}, edges: {}, neighborhoods: {}, entities: {}, paths: {}, sources: {}, ...partial };
}

const nodes = Object.fromEntries(
  [
    node('a'),
    node('b', 'Event', { start: '2014', end: null, precision: 'year' }),
    node('c', 'Place'),
    node('d'),
  ].map((n) => [n.id, n]),
);
const edges = Object.fromEntries(
  [
    edge('ab', 'a', 'b', { date: { start: '2014', end: null, precision: 'year' } }),
    edge('ac', 'a', 'c', { attribution: { by: 'd', byName: 'D', stance: 'claimed', asserters: [] } }),
    edge('cd', 'c', 'd'),
  ].map((e) => [e.id, e]),
);

describe('the scene', () => {
  it('is the expanded neighbourhoods plus seeds when exploring, and says when more can be shown', () => {
    const view: ViewState = { ...defaultView, mode: 'explore', seeds: ['a'], expanded: { a: 2 } };
    const scene = buildScene(
      view,
      data({
        nodes,
        edges,
        neighborhoods: {
          a: {
            status: 'ready',
            data: { limit: 2, nodeIds: ['a', 'b', 'c'], edgeIds: ['ab', 'ac'], total: 3 },
          },
        },
      }),
    );
    expect(scene.nodes.map((n) => n.id)).toEqual(['a', 'b', 'c']);
    expect(scene.edges.map((e) => e.id).sort()).toEqual(['ab', 'ac']);
    expect(scene.more).toEqual({ a: { shown: 2, total: 3 } });
    expect(scene.loading).toBe(false);
  });

  it('drops hidden nodes and filtered kinds, stances and dates, and counts what was there', () => {
    const view: ViewState = {
      ...defaultView,
      hidden: ['d'],
      filters: {
        ...defaultView.filters,
        hiddenStances: ['claimed'],
        yearFrom: 2015,
        yearTo: null,
        undated: true,
      },
    };
    const scene = buildScene(
      view,
      data({
        nodes,
        edges,
        overview: { status: 'ready', data: { nodeIds: ['a', 'b', 'c', 'd'], edgeIds: ['ab', 'ac', 'cd'] } },
      }),
    );
    // b is an event of 2014, before the range; the claimed link a–c is filtered; d is hidden.
    expect(scene.nodes.map((n) => n.id)).toEqual(['a', 'c']);
    expect(scene.edges).toEqual([]);
    expect(scene.hiddenCount).toBe(1);
    expect(scene.totalNodes).toBe(3);
  });

  it('reads years by their precision: a year overlaps a range that starts in it', () => {
    const filters = { ...defaultView.filters, yearFrom: 2017, yearTo: 2018 };
    expect(passesDate({ start: '2017-06', end: null }, filters)).toBe(true);
    expect(passesDate({ start: '2014', end: '2016' }, filters)).toBe(false);
    expect(passesDate({ start: '2016', end: '2019' }, filters)).toBe(true);
    expect(passesDate(null, { ...filters, undated: false })).toBe(false);
  });
});
