import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { routeEdges } from './routing.js';

function graph(nodes: [string, number, number][], edges: [string, string, string][]) {
  return cytoscape({
    headless: true,
    styleEnabled: true,
    layout: { name: 'preset' },
    style: [{ selector: 'node', style: { width: 30, height: 30 } }],
    elements: [
      ...nodes.map(([id, x, y]) => ({ group: 'nodes' as const, data: { id }, position: { x, y } })),
      ...edges.map(([id, source, target]) => ({ group: 'edges' as const, data: { id, source, target } })),
    ],
  });
}

describe('links avoid unrelated nodes', () => {
  it('bends a link that would run straight through another node, away from it', () => {
    const cy = graph(
      [
        ['a', 0, 0],
        ['x', 100, 5],
        ['b', 200, 0],
      ],
      [['ab', 'a', 'b']],
    );
    routeEdges(cy);
    const ab = cy.getElementById('ab');
    expect(ab.hasClass('bent')).toBe(true);
    // Bent by at least the node's radius plus a margin, whichever side it went.
    expect(Math.abs(ab.data('bend') as number)).toBeGreaterThanOrEqual(40);
  });

  it('leaves links straight when nothing is in their way', () => {
    const cy = graph(
      [
        ['a', 0, 0],
        ['x', 100, 120],
        ['b', 200, 0],
      ],
      [
        ['ab', 'a', 'b'],
        ['ax', 'a', 'x'],
      ],
    );
    routeEdges(cy);
    expect(cy.edges('.bent').length).toBe(0);
  });
});
