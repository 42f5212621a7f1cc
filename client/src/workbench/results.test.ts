import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import type { CypherResponseT } from '../../../contract/cypher.js';
import { toPlain } from '../../../server/src/db/mapping.js';
import { cellText, compareCells, sortRows, toCell, toCsv, toTableModel, valueKind } from './results.js';

const chen = {
  kind: 'node',
  elementId: '4:abc:1',
  labels: ['Entity', 'Person', 'Official'],
  properties: {
    id: 'chen-quanguo',
    name: 'Chen Quanguo',
    aliases: ['Chen', '陈全国'],
    description: 'Party chief',
  },
};
const party = {
  kind: 'node',
  elementId: '4:abc:2',
  labels: ['Entity', 'Organization'],
  properties: { id: 'chinese-communist-party', name: 'Chinese Communist Party' },
};
const wang = {
  kind: 'node',
  elementId: '4:abc:3',
  labels: ['Entity', 'Person'],
  properties: { id: 'wang-yongzhi', name: 'Wang Yongzhi' },
};
const memberOf = {
  kind: 'relationship',
  elementId: '5:abc:10',
  type: 'MEMBER_OF',
  startElementId: chen.elementId,
  endElementId: party.elementId,
  properties: { id: 'chen-quanguo-member-of-chinese-communist-party', evidenceStart: [1647, 1821] },
};
const punished = {
  kind: 'relationship',
  elementId: '5:abc:11',
  type: 'PUNISHED',
  startElementId: party.elementId,
  endElementId: wang.elementId,
  properties: { id: 'chinese-communist-party-punished-wang-yongzhi' },
};

describe('cellText and valueKind', () => {
  it('shows scalars as they are and null as null', () => {
    expect([cellText(null), valueKind(null)]).toEqual(['null', 'null']);
    expect([cellText(true), cellText(false), valueKind(true)]).toEqual(['true', 'false', 'boolean']);
    expect([cellText(403), cellText(-2.5), cellText(-0), valueKind(403)]).toEqual([
      '403',
      '-2.5',
      '0',
      'number',
    ]);
    expect([cellText('Xinjiang'), valueKind('Xinjiang')]).toEqual(['Xinjiang', 'string']);
  });

  it('shows integers beyond 2^53 exactly and tells them from ordinary text', () => {
    expect(cellText('9007199254740993')).toBe('9007199254740993');
    expect(valueKind('9007199254740993')).toBe('bigint');
    expect(valueKind('-9223372036854775808')).toBe('bigint');
    // Digits within the safe range are text a property holds (a phone number), not a lost integer.
    expect(valueKind('0123456789012345')).toBe('string');
    expect(valueKind('12a')).toBe('string');
  });

  it('shows temporal values and durations as the ISO-8601 text the server sends', () => {
    const t = neo4j.types;
    for (const value of [
      new t.Date(2014, 5, 1),
      new t.DateTime(2019, 11, 24, 10, 30, 15, 0, 28_800, 'Asia/Shanghai'),
      new t.LocalDateTime(2019, 11, 24, 10, 30, 15, 1),
      new t.Time(10, 30, 0, 0, -18_000),
      new t.LocalTime(10, 30, 15, 500_000_000),
      new t.Duration(14, 16, 12, 571_000_000),
    ]) {
      const plain = toPlain(value);
      expect(cellText(plain)).toBe(value.toString());
      expect(valueKind(plain)).toBe('string');
    }
  });

  it('shows points in Cypher’s notation, with z when there is one', () => {
    const flat = toPlain(new neo4j.types.Point(neo4j.int(4326), 87.6, 43.8));
    const solid = toPlain(new neo4j.types.Point(neo4j.int(9157), 1, 2, 3.5));
    expect([valueKind(flat), cellText(flat)]).toEqual(['point', 'point({srid: 4326, x: 87.6, y: 43.8})']);
    expect(cellText(solid)).toBe('point({srid: 9157, x: 1, y: 2, z: 3.5})');
    expect(valueKind({ srid: 1, x: 2, y: 3, label: 'not a point' })).toBe('map');
  });

  it('shows nodes and relationships by labels or type and their identifying properties', () => {
    expect(valueKind(chen)).toBe('node');
    expect(cellText(chen)).toBe('(:Entity:Person:Official {id: "chen-quanguo", name: "Chen Quanguo", …})');
    expect(valueKind(memberOf)).toBe('relationship');
    expect(cellText(memberOf)).toBe('[:MEMBER_OF {id: "chen-quanguo-member-of-chinese-communist-party", …}]');
    const source = {
      kind: 'node',
      elementId: '4:abc:9',
      labels: ['Source'],
      properties: { title: 'No Mercy' },
    };
    expect(cellText(source)).toBe('(:Source {title: "No Mercy"})');
    const bare = { kind: 'node', elementId: '4:abc:8', labels: [], properties: {} };
    expect(cellText(bare)).toBe('()');
  });

  it('shows a path as its chain of ids with each relationship’s direction', () => {
    const path = { kind: 'path', nodes: [chen, party, wang], relationships: [memberOf, punished] };
    expect(valueKind(path)).toBe('path');
    expect(cellText(path)).toBe(
      '(chen-quanguo)-[:MEMBER_OF]->(chinese-communist-party)-[:PUNISHED]->(wang-yongzhi)',
    );
    const backwards = { kind: 'path', nodes: [wang, party], relationships: [punished] };
    expect(cellText(backwards)).toBe('(wang-yongzhi)<-[:PUNISHED]-(chinese-communist-party)');
    expect(cellText({ kind: 'path', nodes: [chen], relationships: [] })).toBe('(chen-quanguo)');
  });

  it('shows lists and maps with nested values quoted, at any depth', () => {
    expect(valueKind(['a', 'b'])).toBe('list');
    expect(cellText(['a, b', 'c'])).toBe('["a, b", "c"]');
    expect(cellText([])).toBe('[]');
    expect(cellText([1, [2, null], { k: '9007199254740993' }])).toBe(
      '[1, [2, null], {k: "9007199254740993"}]',
    );
    expect(valueKind({ sourceId: 'no-mercy-in-xinjiang', start: 1647 })).toBe('map');
    expect(cellText({ sourceId: 'no-mercy-in-xinjiang', start: 1647, 'odd key': true })).toBe(
      '{sourceId: "no-mercy-in-xinjiang", start: 1647, `odd key`: true}',
    );
    expect(cellText({})).toBe('{}');
    expect(cellText([chen])).toBe(
      '[(:Entity:Person:Official {id: "chen-quanguo", name: "Chen Quanguo", …})]',
    );
  });
});

function response(columns: string[], rows: unknown[][]): CypherResponseT {
  return {
    columns,
    rows,
    graph: { nodes: [], edges: [] },
    notifications: [],
    summary: { queryType: 'r', ms: 12, truncated: true, rowCount: rows.length },
  };
}

describe('toTableModel', () => {
  it('turns a console response into columns and display cells, keeping the summary', () => {
    const model = toTableModel(response(['n', 'name', 'pages'], [[chen, 'Chen Quanguo', null]]));
    expect(model.columns).toEqual(['n', 'name', 'pages']);
    expect(model.rows[0]!.map((cell) => [cell.kind, cell.text])).toEqual([
      ['node', '(:Entity:Person:Official {id: "chen-quanguo", name: "Chen Quanguo", …})'],
      ['string', 'Chen Quanguo'],
      ['null', 'null'],
    ]);
    expect(model).toMatchObject({ rowCount: 1, truncated: true, ms: 12 });
  });
});

describe('sorting', () => {
  const column = (values: unknown[]) => values.map((value) => [toCell(value)]);
  const sorted = (values: unknown[], direction: 'ascending' | 'descending') =>
    sortRows(column(values), 0, direction).map(([cell]) => cell!.value);

  it('sorts numbers numerically, big integers among them exactly', () => {
    const values = [
      10,
      '9007199254740993',
      9,
      -1.5,
      '9007199254740995',
      '-9007199254740993',
      9007199254740991,
    ];
    expect(sorted(values, 'ascending')).toEqual([
      '-9007199254740993',
      -1.5,
      9,
      10,
      9007199254740991,
      '9007199254740993',
      '9007199254740995',
    ]);
  });

  it('sorts text locale-aware: case and accents do not split it, and numbers in text read as numbers', () => {
    expect(sorted(['Xinjiang', 'camps', 'Ürümqi', 'Chen', 'uighurs'], 'ascending')).toEqual([
      'camps',
      'Chen',
      'uighurs',
      'Ürümqi',
      'Xinjiang',
    ]);
    expect(sorted(['item 10', 'item 2', 'item 1'], 'ascending')).toEqual(['item 1', 'item 2', 'item 10']);
    expect(sorted(['2016', '2014-05-01', '2019-11-24T10:30:15+08:00'], 'ascending')).toEqual([
      '2014-05-01',
      '2016',
      '2019-11-24T10:30:15+08:00',
    ]);
  });

  it('keeps nulls last in both directions and equal values in query order', () => {
    expect(sorted([2, null, 1, 3, null], 'ascending')).toEqual([1, 2, 3, null, null]);
    expect(sorted([2, null, 1, 3, null], 'descending')).toEqual([3, 2, 1, null, null]);
    const rows = [
      [toCell('b'), toCell(1)],
      [toCell('a'), toCell(2)],
      [toCell('b'), toCell(3)],
    ];
    expect(sortRows(rows, 0, 'descending').map((row) => row[1]!.value)).toEqual([1, 3, 2]);
  });

  it('orders a mixed column numbers, booleans, text, then structured values', () => {
    expect(sorted([['x'], 'b', true, 3, chen, null, false], 'ascending')).toEqual([
      3,
      false,
      true,
      'b',
      ['x'],
      chen,
      null,
    ]);
    // Nodes by id, not by labels: chen-quanguo (Person) before chinese-communist-party (Organization).
    expect(compareCells(toCell(party), toCell(chen))).toBeGreaterThan(0);
  });
});

describe('toCsv', () => {
  it('writes one header row and RFC 4180 records: quotes doubled, fields with , " or line breaks quoted', () => {
    const model = toTableModel(
      response(
        ['name', 'quote, verbatim', 'n'],
        [
          ['Chen Quanguo', 'urged officials to “round up everyone”', 1],
          ['He said "no"', 'line one\nline two', null],
          ['a,b', 'cr\rhere', '9007199254740993'],
        ],
      ),
    );
    expect(toCsv(model)).toBe(
      [
        'name,"quote, verbatim",n',
        'Chen Quanguo,urged officials to “round up everyone”,1',
        '"He said ""no""","line one\nline two",',
        '"a,b","cr\rhere",9007199254740993',
      ].join('\r\n'),
    );
  });

  it('flattens nodes to id, name and kind and relationships to type, from and to', () => {
    const path = { kind: 'path', nodes: [chen, party], relationships: [memberOf] };
    const model = toTableModel(
      response(['p', 'r', 'o', 'path', 'list', 'flag'], [[chen, memberOf, party, path, [1, 'a'], false]]),
    );
    const [header, record] = toCsv(model).split('\r\n');
    expect(parseCsvRecord(header!)).toEqual([
      'p.id',
      'p.name',
      'p.kind',
      'r.type',
      'r.from',
      'r.to',
      'o.id',
      'o.name',
      'o.kind',
      'path',
      'list',
      'flag',
    ]);
    expect(parseCsvRecord(record!)).toEqual([
      'chen-quanguo',
      'Chen Quanguo',
      'Person',
      'MEMBER_OF',
      'chen-quanguo',
      'chinese-communist-party',
      'chinese-communist-party',
      'Chinese Communist Party',
      'Organization',
      '(chen-quanguo)-[:MEMBER_OF]->(chinese-communist-party)',
      '[1, "a"]',
      'false',
    ]);
  });

  it("never writes a source's text, and names relationship ends the rows do not hold", () => {
    const article = {
      kind: 'node',
      elementId: '4:abc:9',
      labels: ['Source'],
      properties: { id: 'no-mercy', title: 'Absolutely No Mercy', text: 'The leaked papers '.repeat(500) },
    };
    const alone = { ...memberOf, startElementId: '4:abc:77', endElementId: '4:abc:78' };
    const csv = toCsv(
      toTableModel(response(['s', 'r'], [[article, alone]])),
      new Map([['4:abc:77', 'xi-jinping']]),
    );
    expect(csv).not.toContain('leaked papers');
    expect(csv.split('\r\n')[1]).toBe('no-mercy,Absolutely No Mercy,Source,MEMBER_OF,xi-jinping,4:abc:78');
  });

  it('neutralises text that a spreadsheet would run as a formula', () => {
    const csv = toCsv(toTableModel(response(['x'], [['=HYPERLINK("http://x")'], ['-2+3']])));
    expect(csv.split('\r\n').slice(1)).toEqual(['"\'=HYPERLINK(""http://x"")"', "'-2+3"]);
  });

  it('writes only the header for an empty result', () => {
    expect(toCsv(toTableModel(response(['a', 'b'], [])))).toBe('a,b');
  });
});

/** A minimal RFC 4180 record reader, to check that what toCsv writes reads back. */
function parseCsvRecord(record: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= record.length) {
    if (record[i] === '"') {
      let value = '';
      i += 1;
      while (i < record.length) {
        if (record[i] === '"' && record[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (record[i] === '"') {
          i += 1;
          break;
        } else {
          value += record[i];
          i += 1;
        }
      }
      fields.push(value);
      i += 1;
    } else {
      const end = record.indexOf(',', i);
      const stop = end === -1 ? record.length : end;
      fields.push(record.slice(i, stop));
      i = stop + 1;
    }
  }
  return fields;
}
