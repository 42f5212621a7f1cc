import { describe, expect, it } from 'vitest';
import type { EvidenceT, GraphEdgeT, GraphNodeT } from '../api/types.js';
import { edgeFixture, nodeFixture } from '../../../contract/fixtures.js';
import { buildScene } from '../graph/scene.js';
import type { DataState } from '../state/data.js';
import { defaultView, type ViewState } from '../state/view.js';
import { captureStep, quoteChoices } from './capture.js';
import { buildStoryScene } from './scene.js';

const node = (id: string): GraphNodeT => nodeFixture(id, { name: id.toUpperCase() });
const quote = (start: number): EvidenceT => ({ sourceId: 's', start, end: start + 5, quote: `q${start}` });
const edge = (id: string, source: string, target: string, evidence: EvidenceT[]): GraphEdgeT =>
  edgeFixture(id, source, target, { evidence });

const data: DataState = {
  nodes: Object.fromEntries(['a', 'b', 'c'].map((id) => [id, node(id)])),
  edges: {
    ab: edge('ab', 'a', 'b', [quote(1), quote(10)]),
    bc: edge('bc', 'b', 'c', [quote(20)]),
  },
  overview: { status: 'ready', data: { nodeIds: ['a', 'b', 'c'], edgeIds: ['ab', 'bc'] } },
  neighborhoods: {},
  entities: {},
  paths: {
    'a|c|6|3': {
      status: 'ready',
      data: { nodes: [], edges: [], paths: [{ nodes: ['a', 'b', 'c'], edges: ['ab', 'bc'], length: 2 }] },
    },
  },
  sources: {},
};

describe('a story step records what is on screen', () => {
  const view: ViewState = {
    ...defaultView,
    selected: 'b',
    selectedEdge: 'ab',
    layout: 'concentric',
    path: { ...defaultView.path, from: 'a', to: 'c' },
  };
  const scene = buildScene(view, data);
  const drawn = {
    camera: { zoom: 1.3, pan: { x: 10, y: -4 } },
    positions: { a: { x: 0, y: 0 }, b: { x: 100.04, y: 50 }, c: { x: 200, y: 0 } },
  };

  it('keeps the selected link, the path, the layout, the positions and the camera', () => {
    const step = captureStep(scene, drawn, view, data, 'Step 1');
    expect(step).toMatchObject({
      title: 'B',
      focusId: 'b',
      linkId: 'ab',
      layout: 'concentric',
      pathEdgeIds: ['ab', 'bc'],
      camera: drawn.camera,
      positions: { a: { x: 0, y: 0 }, b: { x: 100, y: 50 }, c: { x: 200, y: 0 } },
      quote: quote(1),
    });
  });

  it('replays the path it recorded as a path', () => {
    const step = captureStep(scene, drawn, view, data, 'Step 1');
    const replay = buildStoryScene(step, data, false);
    expect([...replay.path.edgeIds].sort()).toEqual(['ab', 'bc']);
    expect([...replay.path.nodeIds].sort()).toEqual(['a', 'b', 'c']);
  });

  it("offers every quote of the selected link, else of the entity's links", () => {
    expect(quoteChoices('b', 'ab', ['ab', 'bc'], data)).toEqual([quote(1), quote(10)]);
    expect(quoteChoices('c', null, ['ab', 'bc'], data)).toEqual([quote(20)]);
    expect(quoteChoices('b', null, ['ab', 'bc'], data)).toEqual([quote(1), quote(10), quote(20)]);
  });
});
