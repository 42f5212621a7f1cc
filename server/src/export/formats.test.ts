import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { GraphEdgeT, GraphPayloadT } from '../../../contract/graph.js';
import { edgeFixture, nodeFixture } from '../../../contract/fixtures.js';
import { toCsvZip, toGraphMl, xmlEscape } from './formats.js';

const node = nodeFixture;

const edge = (id: string, source: string, target: string, quotes: string[]): GraphEdgeT =>
  edgeFixture(id, source, target, {
    type: 'AFFILIATED_WITH',
    evidence: quotes.map((quote, i) => ({ sourceId: 'article', start: i * 10, end: i * 10 + 5, quote })),
  });

function files(graph: GraphPayloadT): Record<string, string> {
  return Object.fromEntries(
    Object.entries(unzipSync(toCsvZip(graph))).map(([name, data]) => [name, strFromU8(data)]),
  );
}

describe('the CSV export', () => {
  it('quotes commas, quotes and line breaks, and leaves plain text bare', () => {
    const { 'nodes.csv': nodes } = files({
      nodes: [node('a', { name: 'Plain', description: 'He said "no", twice\nthen left' })],
      edges: [],
    });
    const [, row] = nodes!.split('\r\n');
    expect(row).toContain(',Plain,');
    expect(nodes).toContain('"He said ""no"", twice\nthen left"');
  });

  it('types columns by what every node holds: whole numbers long, mixed numbers double, anything else string', () => {
    const { 'nodes.csv': nodes } = files({
      nodes: [
        node('a', { properties: { pages: 403, share: 1, role: 'chief', mixed: 1 } }),
        node('b', { properties: { pages: 7, share: 0.5, mixed: 'one' } }),
      ],
      edges: [],
    });
    const header = nodes!.split('\r\n')[0]!;
    expect(header).toContain(',mixed,pages:long,role,share:double');
  });

  it('picks another list delimiter, and names it, when a list element holds a semicolon', () => {
    const graph = {
      nodes: [node('a', { aliases: ['A; the first', 'Alpha'] }), node('b')],
      edges: [edge('a-b', 'a', 'b', ['one; two', 'three'])],
    };
    const { 'nodes.csv': nodes, 'relationships.csv': relationships, 'README.txt': readme } = files(graph);
    expect(readme).toContain("--array-delimiter='|'");
    expect(nodes).toContain('A; the first|Alpha');
    expect(relationships).toContain('one; two|three');
    expect(relationships).toContain(',0|10,5|15,');
  });
});

describe('the GraphML export', () => {
  it('escapes markup and replaces characters XML 1.0 cannot hold', () => {
    expect(xmlEscape(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;',
    );
    expect(xmlEscape('bell\u0007 nul\u0000 lone\uD800 ok\t\n 陈全国 😀')).toBe(
      'bell\uFFFD nul\uFFFD lone\uFFFD ok\t\n 陈全国 😀',
    );
  });

  it('puts hostile ids and values only inside escaped attributes and text', () => {
    const xml = toGraphMl({
      nodes: [node('"><x', { name: '</data></node><node id="evil">' }), node('b')],
      edges: [edge('e"1', '"><x', 'b', ['quote <with> & "marks"'])],
    });
    expect(xml).not.toContain('<node id="evil">');
    expect(xml).toContain('<node id="&quot;&gt;&lt;x">');
    expect(xml).toContain('&lt;/data&gt;&lt;/node&gt;&lt;node id=&quot;evil&quot;&gt;');
    expect(xml.match(/<node /g)).toHaveLength(2);
    expect(xml.match(/<edge /g)).toHaveLength(1);
  });
});
