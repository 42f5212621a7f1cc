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

  it('keeps every temporal kind as ISO-8601 text with its offset, zone and nanoseconds', () => {
    const { DateTime, LocalDateTime, LocalTime, Time, Duration } = neo4j.types;
    expect(toPlain(new DateTime(2019, 11, 24, 10, 30, 15, 123_000_000, 28_800))).toBe(
      '2019-11-24T10:30:15.123000000+08:00',
    );
    expect(toPlain(new DateTime(2019, 11, 24, 10, 30, 15, 0, undefined, 'Asia/Shanghai'))).toBe(
      '2019-11-24T10:30:15[Asia/Shanghai]',
    );
    expect(toPlain(new DateTime(2019, 11, 24, 10, 30, 15, 0, 28_800, 'Asia/Shanghai'))).toBe(
      '2019-11-24T10:30:15+08:00[Asia/Shanghai]',
    );
    expect(toPlain(new LocalDateTime(2019, 11, 24, 10, 30, 15, 1))).toBe('2019-11-24T10:30:15.000000001');
    expect(toPlain(new LocalTime(10, 30, 15, 500_000_000))).toBe('10:30:15.500000000');
    expect(toPlain(new Time(10, 30, 0, 0, -18_000))).toBe('10:30:00-05:00');
    expect(toPlain(new Duration(14, 16, 12, 571_000_000))).toBe('P1Y2M16DT12.571000000S');
    // Driver temporals carry their fields as Integers; none of that may leak into the JSON.
    expect(toPlain({ at: new LocalTime(neo4j.int(1), neo4j.int(2), neo4j.int(3), neo4j.int(0)) })).toEqual({
      at: '01:02:03',
    });
  });

  it('maps 3D points with their z and an integer srid', () => {
    expect(toPlain(new neo4j.types.Point(neo4j.int(9157), 1, 2, 3))).toEqual({
      srid: 9157,
      x: 1,
      y: 2,
      z: 3,
    });
    expect(toPlain(new neo4j.types.Point(neo4j.int(4979), 12.5, 41.9, -0.5))).toEqual({
      srid: 4979,
      x: 12.5,
      y: 41.9,
      z: -0.5,
    });
  });

  it('converts integers at any depth of lists and maps, large ones to exact strings', () => {
    const big = neo4j.int('9007199254740993');
    const negativeBig = neo4j.int('-9223372036854775808');
    const value = {
      counts: [[neo4j.int(1), [big]], []],
      nested: { deeper: { big, list: [{ negativeBig, small: neo4j.int(-7) }] } },
      mixed: [null, true, 'text', 2.5, { when: new neo4j.types.Date(2014, 1, 1) }],
    };
    expect(toPlain(value)).toEqual({
      counts: [[1, ['9007199254740993']], []],
      nested: {
        deeper: { big: '9007199254740993', list: [{ negativeBig: '-9223372036854775808', small: -7 }] },
      },
      mixed: [null, true, 'text', 2.5, { when: '2014-01-01' }],
    });
    expect(JSON.parse(JSON.stringify(toPlain(value)))).toEqual(toPlain(value));
    // The edges of the safe range are still numbers.
    expect(toPlain([neo4j.int(Number.MAX_SAFE_INTEGER), neo4j.int(Number.MIN_SAFE_INTEGER)])).toEqual([
      Number.MAX_SAFE_INTEGER,
      Number.MIN_SAFE_INTEGER,
    ]);
    expect(toPlain({ n: BigInt('9007199254740993'), m: BigInt(12) })).toEqual({
      n: '9007199254740993',
      m: 12,
    });
  });

  it('converts integers inside the properties of nodes and relationships', () => {
    const node = new neo4j.types.Node(
      neo4j.int(1),
      ['Entity', 'Document'],
      { pages: neo4j.int(403), ids: [neo4j.int('9007199254740993')] },
      'n1',
    );
    expect(toPlain([node])).toEqual([
      {
        kind: 'node',
        elementId: 'n1',
        labels: ['Entity', 'Document'],
        properties: { pages: 403, ids: ['9007199254740993'] },
      },
    ]);
  });

  it('maps null, points and non-finite floats to JSON-safe values', () => {
    expect(toPlain(null)).toBeNull();
    expect(toPlain(new neo4j.types.Point(neo4j.int(7203), 1.5, 2.5))).toEqual({ srid: 7203, x: 1.5, y: 2.5 });
    expect(toPlain(Number.NaN)).toBe('NaN');
  });
});
