import type { GraphEdgeT, GraphNodeT } from '../api/types.js';
import type { Scene } from '../graph/scene.js';
import type { DataState } from '../state/data.js';
import type { StoryStepT } from './api.js';
import { edgeTime, passesUntil } from '../timeline/play.js';

/**
 * The scene of one story step: exactly its entities and links, whatever the explorer showed before
 * and whatever the filters say (a story shows what its author chose).
 */
export function buildStoryScene(step: StoryStepT | null, data: DataState, loading: boolean): Scene {
  const nodes: GraphNodeT[] = [];
  const pending: string[] = [];
  for (const id of step?.nodeIds ?? []) {
    const node = data.nodes[id];
    // A step with a playhead shows what was known or happening by then.
    if (node) {
      if (passesUntil(node.date, step?.until)) nodes.push(node);
    } else pending.push(id);
  }
  const present = new Set(nodes.map((n) => n.id));
  const edges: GraphEdgeT[] = [];
  for (const id of step?.edgeIds ?? []) {
    const edge = data.edges[id];
    if (
      edge &&
      present.has(edge.source) &&
      present.has(edge.target) &&
      passesUntil(edgeTime(edge), step?.until)
    )
      edges.push(edge);
  }
  nodes.sort((a, b) => a.name.localeCompare(b.name));
  const overview = data.overview;
  // The path the step was recorded with, drawn as a path again.
  const pathEdges = edges.filter((e) => step?.pathEdgeIds.includes(e.id));
  const pathEdgeIds = new Set(pathEdges.map((e) => e.id));
  const pathNodeIds = new Set(pathEdges.flatMap((e) => [e.source, e.target]));
  return {
    nodes,
    edges,
    totalNodes: nodes.length,
    totalEdges: edges.length,
    more: {},
    expanded: new Set(),
    hiddenCount: 0,
    path: { nodeIds: pathNodeIds, edgeIds: pathEdgeIds, allEdgeIds: pathEdgeIds, allNodeIds: pathNodeIds },
    loading: loading || !overview || overview.status === 'loading',
    error: overview?.status === 'error' ? overview.error : null,
    // Ids missing from the whole graph are fetched one by one; the overview usually has them all.
    pending: overview?.status === 'ready' ? pending : [],
    // A step's playhead is already applied above: the graph draws exactly the step.
    drawn: { nodes, edges },
    until: null,
  };
}
