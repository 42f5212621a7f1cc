// Graph values for unit tests. Every field of a node and a link is written here once, so a field the
// contract gains is added in one place instead of in each test that builds a small graph; a test
// names only what it is about.
import type { GraphEdgeT, GraphNodeT } from './graph.js';

export function nodeFixture(id: string, overrides: Partial<GraphNodeT> = {}): GraphNodeT {
  const kind = overrides.kind ?? 'Person';
  return {
    id,
    name: id,
    kind,
    types: [kind],
    aliases: [],
    description: null,
    date: null,
    properties: {},
    ...overrides,
  };
}

/** A link in the source's own voice, one source, no quotes. */
export function edgeFixture(
  id: string,
  source: string,
  target: string,
  overrides: Partial<GraphEdgeT> = {},
): GraphEdgeT {
  return {
    id,
    type: 'LED',
    source,
    target,
    evidence: [],
    attribution: { by: null, byName: null, stance: 'reported', asserters: [] },
    sourceCount: 1,
    asserterCount: 1,
    contested: false,
    date: null,
    description: null,
    ...overrides,
  };
}
