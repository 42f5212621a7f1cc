import type { GraphEdgeT } from '../api/types.js';
import { verb } from '../words/relations.js';
import type { SceneElements } from './controller.js';
import type { Scene } from './scene.js';

/**
 * The label drawn on a link: its verb, and for the contested stances (claimed, disputed, denied)
 * who asserts it. Reported links, most of the graph, keep short labels; the hover card and Details
 * name their source too.
 */
export function edgeLabel(edge: GraphEdgeT): string {
  const { stance, byName, by } = edge.attribution;
  if (stance === 'reported') return verb(edge.type);
  const who = byName ?? by;
  return who ? `${verb(edge.type)} (${stance} by ${who})` : `${verb(edge.type)} (${stance})`;
}

/**
 * What the graph holds (the scene before the playhead, which shows and hides it in place) as Cytoscape
 * element data: size by degree, classes for what styles key on.
 */
export function sceneElements(
  scene: Pick<Scene, 'drawn' | 'more'>,
  pinned: readonly string[],
): SceneElements {
  const degree = new Map<string, number>();
  for (const edge of scene.drawn.edges) {
    degree.set(edge.source, (degree.get(edge.source) ?? 0) + 1);
    degree.set(edge.target, (degree.get(edge.target) ?? 0) + 1);
  }
  return {
    nodes: scene.drawn.nodes.map((node) => {
      const classes: string[] = [];
      if (node.types.includes('Official')) classes.push('official');
      if (scene.more[node.id]) classes.push('has-more');
      if (pinned.includes(node.id)) classes.push('pinned');
      return {
        data: {
          id: node.id,
          label: node.name,
          kind: node.kind,
          size: Math.round(24 + Math.min(34, Math.sqrt(degree.get(node.id) ?? 0) * 8)),
        },
        classes,
      };
    }),
    edges: scene.drawn.edges.map((edge) => ({
      data: {
        id: edge.id,
        source: edge.source,
        target: edge.target,
        label: edgeLabel(edge),
        stance: edge.attribution.stance,
      },
      classes: [],
    })),
  };
}
