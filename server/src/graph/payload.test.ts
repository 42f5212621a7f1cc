import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { edgeFromProjection, edgeProjection, nodeProjection, toGraphEdge, toGraphNode } from './payload.js';
import {
  checkKnownRelationshipTypes,
  knownRelationshipTypesSubquery,
  requestedRelationshipTypes,
} from './relationship-types.js';

describe('edgeFromProjection', () => {
  // What Neo4j answers for edgeProjection('r'): type, ends, element id (null when the link has an
  // id), asserter names in the order of assertedBy, each claim's source (id, title, publisher,
  // date), then the stored properties in a fixed order. This link was stored before claims: one
  // attribution for all its quotes, no derived counts.
  const projected = [
    'DETAINED_IN',
    'police',
    'camp',
    null,
    ['Human Rights Watch', null],
    [
      ['source-1', 'First report', 'A publisher', '2019-11-17'],
      ['source-2', 'Second report', null, null],
    ],
    'detained-in-1',
    'Police detained people in the camp.',
    ['source-1', 'source-2'],
    [neo4j.int(10), neo4j.int(40)],
    [neo4j.int(20), neo4j.int(55)],
    ['quote one', 'quote two'],
    ['hrw', 'unknown-asserter'],
    'reported',
    null,
    null,
    null,
    null,
    null,
    '2017',
    '2018-06',
    'year',
  ];

  it('gives the same GraphEdge as the relationship itself', () => {
    const properties = {
      id: 'detained-in-1',
      description: 'Police detained people in the camp.',
      evidenceSource: ['source-1', 'source-2'],
      evidenceStart: [neo4j.int(10), neo4j.int(40)],
      evidenceEnd: [neo4j.int(20), neo4j.int(55)],
      evidenceQuote: ['quote one', 'quote two'],
      assertedBy: ['hrw', 'unknown-asserter'],
      stance: 'reported',
      dateStart: '2017',
      dateEnd: '2018-06',
      datePrecision: 'year',
    };
    const expected = toGraphEdge(
      { type: 'DETAINED_IN', properties, elementId: 'r1' },
      'police',
      'camp',
      [
        { id: 'hrw', name: 'Human Rights Watch' },
        { id: 'unknown-asserter', name: null },
      ],
      new Map([
        ['source-1', { title: 'First report', publisher: 'A publisher', date: '2019-11-17' }],
        ['source-2', { title: 'Second report', publisher: null, date: null }],
      ]),
    );
    expect(edgeFromProjection(projected)).toEqual(expected);
    expect(expected.attribution.byName).toBe('Human Rights Watch and unknown-asserter');
    expect(expected.evidence[1]).toEqual({
      sourceId: 'source-2',
      start: 40,
      end: 55,
      quote: 'quote two',
      source: { title: 'Second report', publisher: null, date: null },
      asserters: [
        { id: 'hrw', name: 'Human Rights Watch' },
        { id: 'unknown-asserter', name: 'unknown-asserter' },
      ],
      stance: 'reported',
    });
    // Derived from the claims when the link was stored without the counts.
    expect(expected).toMatchObject({ sourceCount: 2, asserterCount: 2, contested: false });
    expect(edgeFromProjection(projected).evidence[0]?.source).toEqual({
      title: 'First report',
      publisher: 'A publisher',
      date: '2019-11-17',
    });
  });

  it('uses the element id for a link without an id, and reads missing properties as absent', () => {
    const edge = edgeFromProjection(['LED', 'a', 'b', '5:db:7', [], [], null, null, null, null, null, null]);
    expect(edge).toMatchObject({
      id: '5:db:7',
      type: 'LED',
      source: 'a',
      target: 'b',
      evidence: [],
      date: null,
      description: null,
      attribution: { by: null, byName: null, stance: 'reported', asserters: [] },
    });
  });

  it('projects only through the variable it is given', () => {
    expect(edgeProjection('rel')).toContain('type(rel)');
    expect(edgeProjection('rel')).not.toMatch(/\br\./);
    expect(nodeProjection('n')).toBe('{labels: labels(n), properties: properties(n)}');
  });
});

describe('toGraphNode', () => {
  it('reads a projected node as it reads a driver Node', () => {
    const properties = { id: 'xi-jinping', kind: 'Person', name: 'Xi Jinping', title: 'General Secretary' };
    const node = new neo4j.types.Node(neo4j.int(1), ['Entity', 'Person', 'Official'], properties, 'n1');
    expect(toGraphNode({ labels: node.labels, properties })).toEqual(toGraphNode(node));
  });
});

describe('relationship type filters checked in the same query', () => {
  it('refuses mentions before the query and unknown types after it', () => {
    expect(requestedRelationshipTypes(undefined)).toBeNull();
    expect(requestedRelationshipTypes([])).toBeNull();
    expect(requestedRelationshipTypes(['LED', 'LED', 'MEMBER_OF'])).toEqual(['LED', 'MEMBER_OF']);
    expect(() => requestedRelationshipTypes(['LED', 'MENTIONED_IN'])).toThrow(/MENTIONED_IN/);
    expect(() => checkKnownRelationshipTypes(['LED', 'NO_SUCH_TYPE'], ['LED', 'MENTIONED_IN'])).toThrow(
      /rels: relationship type 'NO_SUCH_TYPE' does not exist/,
    );
    expect(() => checkKnownRelationshipTypes(['LED'], ['LED'])).not.toThrow();
    expect(() => checkKnownRelationshipTypes(null, null)).not.toThrow();
    expect(knownRelationshipTypesSubquery).toContain('knownRelationshipTypes');
  });
});
