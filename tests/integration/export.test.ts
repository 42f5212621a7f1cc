import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRoute } from '../../contract/export.js';
import type { GraphPayloadT } from '../../contract/graph.js';
import { graphRoute } from '../../contract/subgraph.js';
import type { RunningServer } from '../../server/src/server.js';
import { getJson, startTestApp } from '../support/app.js';
import { expectConforms } from '../support/contract.js';

/** RFC 4180 as neo4j-admin reads it: quoted fields may hold commas, doubled quotes and newlines. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') {
      expect(field, 'a quote may only open a field').toBe('');
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += c;
  }
  expect(quoted, 'unterminated quoted field').toBe(false);
  expect(row.length === 0 && field === '', 'the file ends with a line break').toBe(true);
  return rows;
}

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

function decodeXml(raw: string): string {
  return raw.replace(
    /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);|&/g,
    (match, entity: string | undefined) => {
      if (entity === undefined) throw new Error(`bare & in ${JSON.stringify(raw.slice(0, 60))}`);
      const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
      if (named[entity]) return named[entity];
      return String.fromCodePoint(
        entity.startsWith('#x') ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10),
      );
    },
  );
}

/**
 * A small strict XML reader: one root, every tag closed in order, quoted attributes without
 * duplicates or raw '<', only the predefined or numeric entities, no markup characters in text.
 * Enough to prove the export is well-formed without a DOM.
 */
function parseXml(xml: string): XmlElement {
  const name = '[A-Za-z_][\\w.:-]*';
  const declaration = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/;
  expect(xml).toMatch(declaration);
  const token = new RegExp(
    `<!--[\\s\\S]*?-->|<(${name})((?:\\s+${name}\\s*=\\s*"[^"<]*")*)\\s*(/?)>|</(${name})\\s*>|[^<]+`,
    'y',
  );
  const attribute = new RegExp(`(${name})\\s*=\\s*"([^"<]*)"`, 'g');
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  token.lastIndex = xml.match(declaration)![0].length;
  while (token.lastIndex < xml.length) {
    const at = token.lastIndex;
    const match = token.exec(xml);
    if (!match) throw new Error(`not well-formed at offset ${at}: ${JSON.stringify(xml.slice(at, at + 60))}`);
    const [whole, open, attributes, selfClosing, close] = match;
    const parent = stack.at(-1)!;
    if (whole.startsWith('<!--')) continue;
    if (open) {
      const element: XmlElement = { name: open, attributes: {}, children: [], text: '' };
      for (const [, key, value] of (attributes ?? '').matchAll(attribute)) {
        if (key! in element.attributes) throw new Error(`duplicate attribute ${key} on <${open}>`);
        element.attributes[key!] = decodeXml(value!);
      }
      if (parent === root && root.children.length > 0) throw new Error('a second root element');
      parent.children.push(element);
      if (!selfClosing) stack.push(element);
    } else if (close) {
      if (parent.name !== close) throw new Error(`</${close}> closes <${parent.name}> at offset ${at}`);
      stack.pop();
    } else {
      if (whole.includes(']]>')) throw new Error(']]> in text');
      if (parent === root && whole.trim() !== '') throw new Error('text outside the root element');
      parent.text += decodeXml(whole);
    }
  }
  if (stack.length !== 1) throw new Error(`<${stack.at(-1)!.name}> is never closed`);
  expect(root.children).toHaveLength(1);
  return root.children[0]!;
}

describe('GET /api/export', () => {
  let app: RunningServer;
  let graph: GraphPayloadT;
  beforeAll(async () => {
    app = await startTestApp();
    const response = await getJson<GraphPayloadT>(`${app.url}/api/graph`);
    expectConforms(graphRoute, response.status, response.body);
    graph = response.body;
  });
  afterAll(() => app.close(1_000));

  async function download(query: string): Promise<{ response: Response; bytes: Uint8Array }> {
    const response = await fetch(`${app.url}/api/export?${query}`);
    expect(response.status).toBe(200);
    return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
  }

  it('has a graph to export', () => {
    expect(graph.nodes.length).toBeGreaterThan(10);
    expect(graph.edges.length).toBeGreaterThan(10);
  });

  it('json: the graph payload as an attachment, the same as GET /api/graph', async () => {
    const { response, bytes } = await download('format=json');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="?trove-graph\.json"?$/,
    );
    const exported = JSON.parse(strFromU8(bytes)) as GraphPayloadT;
    expectConforms(graphRoute, 200, exported);
    expect(exported).toEqual(graph);
  });

  it('json is the default format', async () => {
    const { response } = await download('');
    expect(response.headers.get('content-disposition')).toContain('trove-graph.json');
  });

  it('csv: a zip of nodes.csv and relationships.csv with neo4j-admin import headers', async () => {
    const { response, bytes } = await download('format=csv');
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="?trove-graph\.zip"?$/,
    );
    const files = unzipSync(bytes);
    expect(Object.keys(files).sort()).toEqual(['README.txt', 'nodes.csv', 'relationships.csv']);
    expect(strFromU8(files['README.txt']!)).toContain(
      "neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv --array-delimiter=';'",
    );

    const [nodeHeader, ...nodeRows] = parseCsv(strFromU8(files['nodes.csv']!));
    expect(nodeHeader!.slice(0, 5)).toEqual(['id:ID', ':LABEL', 'kind', 'name', 'aliases:string[]']);
    expect(nodeHeader).toContain('pages:long');
    expect(nodeRows).toHaveLength(graph.nodes.length);
    for (const row of nodeRows) expect(row).toHaveLength(nodeHeader!.length);
    const column = (header: string[], name: string) => header.indexOf(name);
    const xi = nodeRows.find((row) => row[0] === 'xi-jinping')!;
    const xiNode = graph.nodes.find((node) => node.id === 'xi-jinping')!;
    expect(xi[column(nodeHeader!, ':LABEL')]!.split(';').sort()).toEqual(['Entity', ...xiNode.types].sort());
    expect(xi[column(nodeHeader!, 'aliases:string[]')]!.split(';')).toEqual(xiNode.aliases);
    expect(xi[column(nodeHeader!, 'description')]).toBe(xiNode.description);
    const documents = nodeRows.find((row) => row[column(nodeHeader!, 'pages:long')] !== '')!;
    expect(documents[column(nodeHeader!, 'pages:long')]).toMatch(/^\d+$/);

    const [edgeHeader, ...edgeRows] = parseCsv(strFromU8(files['relationships.csv']!));
    expect(edgeHeader!.slice(0, 4)).toEqual([':START_ID', ':END_ID', ':TYPE', 'id']);
    expect(edgeHeader).toEqual(
      expect.arrayContaining([
        'evidenceSource:string[]',
        'evidenceStart:long[]',
        'evidenceEnd:long[]',
        'evidenceQuote:string[]',
      ]),
    );
    expect(edgeRows).toHaveLength(graph.edges.length);
    const nodeIds = new Set(nodeRows.map((row) => row[0]));
    for (const row of edgeRows) {
      expect(row).toHaveLength(edgeHeader!.length);
      expect(nodeIds.has(row[0]!) && nodeIds.has(row[1]!), `${row[3]} has both ends in nodes.csv`).toBe(true);
      const edge = graph.edges.find((e) => e.id === row[3])!;
      expect(row[2]).toBe(edge.type);
      expect(row[column(edgeHeader!, 'evidenceQuote:string[]')]!.split(';')).toEqual(
        edge.evidence.map((e) => e.quote),
      );
      expect(row[column(edgeHeader!, 'evidenceStart:long[]')]!.split(';').map(Number)).toEqual(
        edge.evidence.map((e) => e.start),
      );
    }
  });

  it('graphml: well-formed GraphML 1.0 with typed keys, labels, and the same nodes and edges', async () => {
    const { response, bytes } = await download('format=graphml');
    expect(response.headers.get('content-type')).toMatch(/^application\/graphml\+xml/);
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="?trove-graph\.graphml"?$/,
    );
    const root = parseXml(strFromU8(bytes));
    expect(root.name).toBe('graphml');
    expect(root.attributes.xmlns).toBe('http://graphml.graphdrawing.org/xmlns');

    const keys = root.children.filter((child) => child.name === 'key');
    for (const key of keys) {
      expect(key.attributes['attr.type']).toMatch(/^(boolean|int|long|float|double|string)$/);
      expect(['node', 'edge']).toContain(key.attributes.for);
    }
    const keyId = (target: string, attrName: string) =>
      keys.find((k) => k.attributes.for === target && k.attributes['attr.name'] === attrName)!.attributes.id!;
    expect(keys.find((k) => k.attributes['attr.name'] === 'pages')!.attributes['attr.type']).toBe('long');

    const [graphElement] = root.children.filter((child) => child.name === 'graph');
    expect(graphElement!.attributes.edgedefault).toBe('directed');
    const nodes = graphElement!.children.filter((child) => child.name === 'node');
    const edges = graphElement!.children.filter((child) => child.name === 'edge');
    expect(nodes).toHaveLength(graph.nodes.length);
    expect(edges).toHaveLength(graph.edges.length);

    const data = (element: XmlElement, key: string) =>
      element.children.find((child) => child.name === 'data' && child.attributes.key === key)?.text;
    const nodeIds = new Set(nodes.map((node) => node.attributes.id));
    for (const node of nodes) {
      const expected = graph.nodes.find((n) => n.id === node.attributes.id)!;
      expect(data(node, keyId('node', 'label'))).toBe(expected.name);
      // Descriptions hold quotes and apostrophes: they come back exactly after escaping.
      expect(data(node, keyId('node', 'description'))).toBe(expected.description ?? undefined);
    }
    for (const edge of edges) {
      const expected = graph.edges.find((e) => e.id === edge.attributes.id)!;
      expect(edge.attributes.source).toBe(expected.source);
      expect(edge.attributes.target).toBe(expected.target);
      expect(nodeIds.has(edge.attributes.source) && nodeIds.has(edge.attributes.target)).toBe(true);
      expect(data(edge, keyId('edge', 'label'))).toBe(expected.type);
    }
  });

  it('applies the graph filters to every format', async () => {
    const filtered = await getJson<GraphPayloadT>(`${app.url}/api/graph?types=Person,Organization`);
    expect(filtered.status).toBe(200);
    expect(filtered.body.nodes.length).toBeGreaterThan(0);
    expect(filtered.body.nodes.length).toBeLessThan(graph.nodes.length);

    const json = await download('format=json&types=Person,Organization');
    expect(JSON.parse(strFromU8(json.bytes))).toEqual(filtered.body);

    const csv = await download('format=csv&types=Person,Organization');
    const [, ...nodeRows] = parseCsv(strFromU8(unzipSync(csv.bytes)['nodes.csv']!));
    expect(nodeRows.map((row) => row[0]).sort()).toEqual(filtered.body.nodes.map((node) => node.id).sort());
    expect(nodeRows.every((row) => ['Person', 'Organization'].includes(row[2]!))).toBe(true);

    const type = graph.edges[0]!.type;
    const byType = await getJson<GraphPayloadT>(`${app.url}/api/graph?rels=${type}`);
    const graphml = await download(`format=graphml&rels=${type}`);
    const edges = parseXml(strFromU8(graphml.bytes))
      .children.find((child) => child.name === 'graph')!
      .children.filter((child) => child.name === 'edge');
    expect(edges.length).toBe(byType.body.edges.length);
    expect(edges.length).toBeLessThan(graph.edges.length);
  });

  it.each([
    ['an unknown format', 'format=xml', 'format'],
    ['an unknown kind', 'format=csv&types=Robot', 'types.0'],
    ['a malformed date', 'format=graphml&from=yesterday', 'from'],
    ['the format given twice', 'format=json&format=csv', 'format'],
  ])('answers %s with 400 in the error shape, naming the field', async (_name, query, field) => {
    const { status, body } = await getJson<{ error: { code: string; field: string } }>(
      `${app.url}/api/export?${query}`,
    );
    expect(status).toBe(400);
    expectConforms(exportRoute, status, body);
    expect(body.error).toMatchObject({ code: 'BAD_REQUEST', field });
  });
});
