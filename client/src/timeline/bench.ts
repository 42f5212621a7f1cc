// ?bench only: lets bench/map.ts load a synthetic dated graph into the page's own store and move the
// playhead, so it measures the page's whole path (store, scene, graph) while the timeline plays.
import type { GraphEdgeT, GraphNodeT } from '../api/types.js';
import { useData } from '../state/data.js';
import { useView } from '../state/view.js';

/** Read when the page's modules load, before the URL is normalised (which drops `bench`). */
export const benchMode = typeof location !== 'undefined' && new URLSearchParams(location.search).has('bench');

function syntheticGraph(elements: number): { nodes: GraphNodeT[]; edges: GraphEdgeT[] } {
  const count = Math.round(elements / 3);
  const nodes: GraphNodeT[] = Array.from({ length: count }, (_, i) => ({
    id: `bench-${i}`,
    name: `Event ${i}`,
    kind: 'Event',
    types: ['Event'],
    aliases: [],
    description: null,
    date: {
      start: `${2000 + (i % 20)}-${String(1 + (i % 12)).padStart(2, '0')}`,
      end: null,
      precision: 'month',
    },
    properties: {},
  }));
  const edges: GraphEdgeT[] = Array.from({ length: elements - count }, (_, i) => {
    const a = i % count;
    const b = (a * 7 + 1 + Math.floor(i / count) * 13) % count;
    return {
      id: `bench-e${i}`,
      type: 'CONCERNS',
      source: `bench-${a}`,
      target: `bench-${b}`,
      evidence: [],
      attribution: { by: null, byName: null, stance: 'reported', asserters: [] },
      date: null,
      description: null,
      sourceCount: 1,
      asserterCount: 1,
      contested: false,
    };
  });
  return { nodes, edges };
}

export function exposeTimeBench(): void {
  if (!benchMode) return;
  (globalThis as { troveTime?: unknown }).troveTime = {
    load(elements: number) {
      const { nodes, edges } = syntheticGraph(elements);
      useView.getState().showOverview();
      useData.setState({
        nodes: Object.fromEntries(nodes.map((n) => [n.id, n])),
        edges: Object.fromEntries(edges.map((e) => [e.id, e])),
        overview: {
          status: 'ready',
          data: { nodeIds: nodes.map((n) => n.id), edgeIds: edges.map((e) => e.id) },
        },
      });
    },
    setUntil(until: string | null) {
      useView.getState().setFilters({ until });
    },
  };
}
