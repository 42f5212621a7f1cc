import { describe, expect, it } from 'vitest';
import type { SceneElements } from './controller.js';
import { groupScene } from './groups.js';

const node = (id: string, label: string) => ({
  data: { id, label, kind: 'Person', size: 24 },
  classes: [],
});
const edge = (source: string, target: string) => ({
  data: { id: `${source}-${target}`, source, target, label: 'concerns', stance: 'reported' },
  classes: [],
});

describe('groups of a graph too large to draw whole', () => {
  it('names a community after its best-connected member, counting only links inside it', () => {
    // Community 0: Amir links to everyone in it. Community 1: Bela and Chen, one link between them;
    // Chen also has three links out to community 0, which must not make Chen its hub.
    const scene: SceneElements = {
      nodes: [
        node('a', 'Dana'),
        node('b', 'Amir'),
        node('c', 'Eli'),
        node('d', 'Fay'),
        node('e', 'Bela'),
        node('f', 'Chen'),
      ],
      edges: [
        edge('b', 'a'),
        edge('b', 'c'),
        edge('b', 'd'),
        edge('a', 'c'),
        edge('e', 'f'),
        edge('f', 'a'),
        edge('f', 'c'),
        edge('f', 'd'),
      ],
    };
    const grouping = groupScene(scene, Int32Array.from([0, 0, 0, 0, 1, 1]));
    expect(grouping.by).toBe('community');
    expect(Object.fromEntries(grouping.labels)).toEqual({
      'community-1': 'Around Amir (4)',
      'community-2': 'Around Bela (2)',
    });
    // The links between the two groups are counted once each.
    expect(Object.fromEntries(grouping.between)).toEqual({ 'community-1|community-2': 3 });
  });
});
