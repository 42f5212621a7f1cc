import { describe, expect, it } from 'vitest';
import type { GraphNodeT } from '../api/types.js';
import { edgeFixture, nodeFixture } from '../../../contract/fixtures.js';
import type { DataState } from '../state/data.js';
import { defaultView, type ViewState } from '../state/view.js';
import { edgeTime, monthSteps, passesUntil } from '../timeline/play.js';
import { buildScene, sceneBuilder } from './scene.js';
import { shownAt, timeIndexOf } from './timeLayer.js';

type DateT = NonNullable<GraphNodeT['date']>;
const at = (start: string, precision: DateT['precision'], end: string | null = null): DateT => ({
  start,
  end,
  precision,
});
const node = (id: string, date: DateT | null = null): GraphNodeT => nodeFixture(id, { kind: 'Event', date });
const edge = edgeFixture;

// Years, months, days, a range, undated things, a link dated by a claim before its own date, a link
// dated after both its ends and links dated before one of them (its source, its target).
const nodes = [
  node('speech', at('2014', 'year')),
  node('appointment', at('2016-08', 'month')),
  node('camps', at('2017', 'year', '2018')),
  node('leak', at('2019-11-16', 'day')),
  node('undated'),
  node('place'),
];
const edges = [
  edge('e1', 'speech', 'appointment'),
  edge('e2', 'place', 'camps', { date: at('2018-03', 'month') }),
  edge('e3', 'place', 'leak', { date: at('2010', 'year') }),
  edge('e4', 'undated', 'place'),
  edge('e6', 'leak', 'speech', { date: at('2015', 'year') }),
  edge('e5', 'appointment', 'place', {
    date: at('2019', 'year'),
    evidence: [{ sourceId: 's', start: 0, end: 1, quote: 'q', date: at('2016-09', 'month') }],
  }),
];
const data: DataState = {
  nodes: Object.fromEntries(nodes.map((n) => [n.id, n])),
  edges: Object.fromEntries(edges.map((e) => [e.id, e])),
  overview: {
    status: 'ready',
    data: { nodeIds: nodes.map((n) => n.id), edgeIds: edges.map((e) => e.id) },
  },
  neighborhoods: {},
  entities: {},
  paths: {},
  sources: {},
};
const viewAt = (until: string | null): ViewState => ({
  ...defaultView,
  filters: { ...defaultView.filters, until },
});

describe('the playhead on the graph', () => {
  it('shows, at every month and year, what the playhead rule says (passesUntil), in the graph and the scene', () => {
    const whole = buildScene(viewAt(null), data);
    const index = timeIndexOf(whole.drawn, whole.path);
    const all = [...whole.drawn.nodes, ...whole.drawn.edges].map((x) => x.id);
    for (const until of [...monthSteps(2013, 2021), '2014', '2016', '2019', null]) {
      // The rule, element by element: a node by its date; a link by its own time and both its ends.
      const nodesByRule = nodes.filter((n) => passesUntil(n.date, until)).map((n) => n.id);
      const kept = new Set(nodesByRule);
      const edgesByRule = edges
        .filter((e) => kept.has(e.source) && kept.has(e.target) && passesUntil(edgeTime(e), until))
        .map((e) => e.id);
      const byRule = [...nodesByRule, ...edgesByRule].sort();
      // What the graph draws: all but the index's elements past the playhead.
      const hidden = new Set(index.ids.slice(shownAt(index, until)));
      expect(all.filter((id) => !hidden.has(id)).sort(), String(until)).toEqual(byRule);
      // What the list, the map and the counts read.
      const scene = buildScene(viewAt(until), data);
      expect([...scene.nodes, ...scene.edges].map((x) => x.id).sort(), String(until)).toEqual(byRule);
    }
  });

  it('lists elements in the order they appear, undated ones never', () => {
    const whole = buildScene(viewAt(null), data);
    const index = timeIndexOf(whole.drawn, whole.path);
    expect(index.ids).not.toContain('undated');
    expect(index.ids).not.toContain('e4');
    expect([...index.at]).toEqual([...index.at].sort((a, b) => a - b));
    // A step of one month shows one run of the order: August 2016 brings the appointment and its
    // undated link to the speech, whose other end was already there.
    expect(index.ids.slice(shownAt(index, '2016-07'), shownAt(index, '2016-08'))).toEqual([
      'appointment',
      'e1',
    ]);
  });

  it('keeps the scene before the playhead while only the playhead moves, and makes it anew otherwise', () => {
    const build = sceneBuilder();
    const first = build(viewAt('2015'), data);
    const later = build(viewAt('2017-03'), data);
    expect(later.drawn).toBe(first.drawn);
    expect(later.path).toBe(first.path);
    expect(later.nodes.length).toBeGreaterThan(first.nodes.length);
    const filtered = build(
      { ...viewAt('2017-03'), filters: { ...viewAt('2017-03').filters, hiddenKinds: ['Event'] } },
      data,
    );
    expect(filtered.drawn).not.toBe(first.drawn);
    expect(filtered.drawn.nodes.map((n) => n.id)).toEqual([]);
  });
});
