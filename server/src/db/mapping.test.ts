import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { toPlain } from './mapping.js';

describe('toPlain', () => {
  it('turns safe integers into numbers and larger ones into exact strings', () => {
    expect(toPlain(neo4j.int(403))).toBe(403);
    expect(toPlain(neo4j.int('9007199254740993'))).toBe('9007199254740993');
    expect(toPlain({ pages: neo4j.int(403), nested: [neo4j.int(-1)] })).toEqual({ pages: 403, nested: [-1] });
  });

  it('keeps temporal values as ISO-8601 text', () => {
    expect(toPlain(new neo4j.types.Date(2014, 5, 1))).toBe('2014-05-01');
    expect(toPlain(new neo4j.types.Duration(0, 2, 30, 0))).toBe('P2DT30S');
  });

  it('maps nodes, relationships and paths without driver classes', () => {
    const node = new neo4j.types.Node(neo4j.int(1), ['Entity', 'Person'], { id: 'xi-jinping' }, 'n1');
    const other = new neo4j.types.Node(neo4j.int(2), ['Entity', 'Event'], { id: 'xi-2014-speech' }, 'n2');
    const rel = new neo4j.types.Relationship(
      neo4j.int(3),
      neo4j.int(1),
      neo4j.int(2),
      'GAVE_SPEECH',
      {},
      'r3',
      'n1',
      'n2',
    );
    const path = new neo4j.types.Path(node, other, [new neo4j.types.PathSegment(node, rel, other)]);
    expect(toPlain(path)).toEqual({
      kind: 'path',
      nodes: [
        { kind: 'node', elementId: 'n1', labels: ['Entity', 'Person'], properties: { id: 'xi-jinping' } },
        { kind: 'node', elementId: 'n2', labels: ['Entity', 'Event'], properties: { id: 'xi-2014-speech' } },
      ],
      relationships: [
        {
          kind: 'relationship',
          elementId: 'r3',
          type: 'GAVE_SPEECH',
          startElementId: 'n1',
          endElementId: 'n2',
          properties: {},
        },
      ],
    });
  });

  it('maps null, points and non-finite floats to JSON-safe values', () => {
    expect(toPlain(null)).toBeNull();
    expect(toPlain(new neo4j.types.Point(neo4j.int(7203), 1.5, 2.5))).toEqual({ srid: 7203, x: 1.5, y: 2.5 });
    expect(toPlain(Number.NaN)).toBe('NaN');
  });
});
