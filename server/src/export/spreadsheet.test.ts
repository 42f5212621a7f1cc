import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { GraphEdgeT, GraphPayloadT } from '../../../contract/graph.js';
import { nodeFixture } from '../../../contract/fixtures.js';
import { toCsvZip } from './formats.js';

// Cells a spreadsheet would run as formulas (OWASP CSV injection), from names, aliases, quotes.
const hostile = ['=HYPERLINK("http://evil.example","x")', '+1+cmd|calc', '-2+3', '@SUM(A1)', '\tTab', '\rCR'];

const node = nodeFixture;

const graph: GraphPayloadT = {
  nodes: [
    node('a', { name: hostile[0]!, aliases: [hostile[1]!], description: hostile[3]!, properties: { n: -5 } }),
    node('b', { name: hostile[4]!, description: hostile[5]! }),
  ],
  edges: [
    {
      id: 'e',
      type: 'AFFILIATED_WITH',
      source: 'a',
      target: 'b',
      evidence: [{ sourceId: 'article', start: 0, end: 4, quote: hostile[2]! }],
      attribution: { by: null, byName: null, stance: 'reported', asserters: [] },
      date: null,
      description: hostile[3]!,
      sourceCount: 1,
      asserterCount: 1,
      contested: false,
    } satisfies GraphEdgeT,
  ],
};

function csvFiles(variant: 'exact' | 'spreadsheet'): string {
  const files = unzipSync(toCsvZip(graph, new Date(Date.UTC(2026, 0, 1)), variant));
  return `${strFromU8(files['nodes.csv']!)}\n${strFromU8(files['relationships.csv']!)}`;
}

/** Every field of a CSV text, unquoted (RFC 4180). */
function fields(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    let value = '';
    if (text[i] === '"') {
      i += 1;
      while (i < text.length && !(text[i] === '"' && text[i + 1] !== '"')) {
        value += text[i];
        i += text[i] === '"' ? 2 : 1;
      }
      i += 1;
    } else {
      while (i < text.length && !',\r\n'.includes(text[i]!)) value += text[i++];
    }
    out.push(value);
    while (i < text.length && ',\r\n'.includes(text[i]!)) i += 1;
  }
  return out;
}

describe('the spreadsheet CSV export', () => {
  it('puts an apostrophe before every text cell a spreadsheet would run as a formula', () => {
    const cells = fields(csvFiles('spreadsheet'));
    const text = cells.filter((cell) => !/^-?\d+(\.\d+)?$/.test(cell));
    for (const cell of text) expect(cell, JSON.stringify(cell)).not.toMatch(/^[=+\-@\t\r]/);
    for (const value of hostile) expect(cells).toContain(`'${value}`);
    // Numbers are numbers to a spreadsheet, not formulas: -5 stays -5.
    expect(cells).toContain('-5');
  });

  it('leaves the neo4j-admin export exact, formula characters and all', () => {
    const cells = fields(csvFiles('exact'));
    for (const value of hostile) expect(cells).toContain(value);
    expect(cells.some((cell) => cell.startsWith("'"))).toBe(false);
  });

  it('says in its README that it is for spreadsheets, not for import', () => {
    const readme = strFromU8(
      unzipSync(toCsvZip(graph, new Date(Date.UTC(2026, 0, 1)), 'spreadsheet'))['README.txt']!,
    );
    expect(readme).toMatch(/apostrophe/);
    expect(readme).not.toMatch(/neo4j-admin database import/);
  });
});
