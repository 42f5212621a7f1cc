import { strToU8, zipSync } from 'fflate';
import { csvField, spreadsheetField } from '../../../contract/csv.js';
import type { GraphEdgeT, GraphNodeT, GraphPayloadT } from '../../../contract/graph.js';

/**
 * The graph payload as files. CSV follows neo4j-admin's import header format, so the zip can be
 * loaded into an empty Neo4j as it is, into the same shape docs/graph-model.md describes; GraphML is
 * what Gephi (and yEd, Cytoscape desktop) open.
 */

type Cell = string | number | boolean | null | readonly (string | number | boolean)[];
type ScalarType = 'string' | 'long' | 'double' | 'boolean';

interface Column {
  name: string;
  /** The neo4j-admin type of the column; null for the special ones (`:ID`, `:LABEL`, ...). */
  type: ScalarType | null;
  array: boolean;
}

function scalarType(value: unknown): ScalarType | null {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'long' : 'double';
  if (typeof value === 'string') return 'string';
  return null;
}

/** The type that holds every value a property takes across the graph; strings hold anything. */
function columnFor(name: string, values: readonly unknown[]): Column {
  const present = values.filter((value) => value !== null && value !== undefined);
  const array = present.length > 0 && present.every(Array.isArray);
  const scalars = array ? present.flatMap((value) => value as unknown[]) : present;
  const types = new Set(scalars.map(scalarType));
  const [only] = types;
  let type: ScalarType = 'string';
  if (types.size === 1 && only) type = only;
  else if (types.size === 2 && types.has('long') && types.has('double')) type = 'double';
  return { name, type, array };
}

function cellOf(value: unknown, column: Column): Cell {
  if (value === null || value === undefined) return null;
  if (column.array && Array.isArray(value)) {
    return value.map((item) => (column.type === 'string' ? textOf(item) : (item as number | boolean)));
  }
  return column.type === 'string' ? textOf(value) : (value as number | boolean);
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Kind-specific properties (role, pages, pagesQualifier, ...) as columns, in name order. */
function propertyColumns(nodes: readonly GraphNodeT[]): Column[] {
  const names = [...new Set(nodes.flatMap((node) => Object.keys(node.properties)))].sort();
  return names.map((name) =>
    columnFor(
      name,
      nodes.map((node) => node.properties[name]),
    ),
  );
}

// ---- CSV (neo4j-admin import) -------------------------------------------------------------------

/**
 * neo4j-admin splits array cells on one character (';' by default). Should any list element contain
 * it, another is chosen and named in the zip's README, so that no quote is split in two on import.
 */
const arrayDelimiters = [
  { char: ';', flag: ';' },
  { char: '|', flag: '|' },
  { char: '\t', flag: 'TAB' },
  { char: '\u001f', flag: '\\037' },
] as const;

/**
 * How text cells are written: exactly (neo4j-admin reads back what was stored), or neutralised for
 * spreadsheets, where a cell starting with = + - @ (or tab, CR) would run as a formula.
 */
type FieldWriter = (text: string) => string;

function csvHeader(column: Column, field: FieldWriter): string {
  if (column.type === null) return field(column.name);
  const suffix =
    column.type === 'string' && !column.array ? '' : `:${column.type}${column.array ? '[]' : ''}`;
  return field(`${column.name}${suffix}`);
}

function csvCell(cell: Cell, arrayDelimiter: string, field: FieldWriter): string {
  if (cell === null) return '';
  if (Array.isArray(cell)) return field(cell.map(String).join(arrayDelimiter));
  // A number is a number to a spreadsheet too (-5 is not a formula): only text is neutralised.
  if (typeof cell === 'number') return csvField(String(cell));
  return field(String(cell));
}

function csvTable(
  columns: readonly Column[],
  rows: readonly Cell[][],
  arrayDelimiter: string,
  field: FieldWriter,
): string {
  const lines = [columns.map((column) => csvHeader(column, field)).join(',')];
  for (const row of rows) lines.push(row.map((cell) => csvCell(cell, arrayDelimiter, field)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

const special = (name: string): Column => ({ name, type: null, array: false });
const text = (name: string): Column => ({ name, type: 'string', array: false });
const list = (name: string, type: ScalarType): Column => ({ name, type, array: true });

function nodeTable(nodes: readonly GraphNodeT[]): { columns: Column[]; rows: Cell[][] } {
  const extra = propertyColumns(nodes);
  const columns = [
    special('id:ID'),
    special(':LABEL'),
    text('kind'),
    text('name'),
    list('aliases', 'string'),
    text('description'),
    text('dateStart'),
    text('dateEnd'),
    text('datePrecision'),
    ...extra,
  ];
  const rows = nodes.map((node): Cell[] => [
    node.id,
    ['Entity', ...node.types.filter((type) => type !== 'Entity')],
    node.kind,
    node.name,
    node.aliases.length > 0 ? node.aliases : null,
    node.description,
    node.date?.start ?? null,
    node.date?.end ?? null,
    node.date?.precision ?? null,
    ...extra.map((column) => cellOf(node.properties[column.name], column)),
  ]);
  return { columns, rows };
}

function edgeTable(edges: readonly GraphEdgeT[]): { columns: Column[]; rows: Cell[][] } {
  const columns = [
    special(':START_ID'),
    special(':END_ID'),
    special(':TYPE'),
    text('id'),
    text('description'),
    text('stance'),
    list('assertedBy', 'string'),
    text('dateStart'),
    text('dateEnd'),
    text('datePrecision'),
    list('evidenceSource', 'string'),
    list('evidenceStart', 'long'),
    list('evidenceEnd', 'long'),
    list('evidenceQuote', 'string'),
  ];
  const rows = edges.map((edge): Cell[] => {
    const asserters = edge.attribution.asserters.map((asserter) => asserter.id);
    const evidence = edge.evidence.length > 0 ? edge.evidence : null;
    return [
      edge.source,
      edge.target,
      edge.type,
      edge.id,
      edge.description,
      edge.attribution.stance,
      asserters.length > 0 ? asserters : null,
      edge.date?.start ?? null,
      edge.date?.end ?? null,
      edge.date?.precision ?? null,
      evidence?.map((e) => e.sourceId) ?? null,
      evidence?.map((e) => e.start) ?? null,
      evidence?.map((e) => e.end) ?? null,
      evidence?.map((e) => e.quote) ?? null,
    ];
  });
  return { columns, rows };
}

function chooseArrayDelimiter(tables: readonly { rows: Cell[][] }[]): (typeof arrayDelimiters)[number] {
  const elements = tables.flatMap((table) =>
    table.rows.flatMap((row) => row.flatMap((cell) => (Array.isArray(cell) ? cell.map(String) : []))),
  );
  // A unit separator in a quote is as good as impossible; should one occur, that list would split.
  return (
    arrayDelimiters.find(({ char }) => elements.every((element) => !element.includes(char))) ??
    arrayDelimiters[3]
  );
}

/**
 * A zip of nodes.csv and relationships.csv (neo4j-admin headers) and a README. `exact` keeps every
 * cell as stored, for `neo4j-admin database import`; `spreadsheet` puts an apostrophe before text
 * that a spreadsheet would run as a formula (OWASP's CSV-injection advice), so it is for reading in
 * Excel, LibreOffice or Sheets and not for importing back.
 */
export function toCsvZip(
  graph: GraphPayloadT,
  exportedAt: Date = new Date(),
  variant: 'exact' | 'spreadsheet' = 'exact',
): Uint8Array {
  const nodes = nodeTable(graph.nodes);
  const edges = edgeTable(graph.edges);
  const delimiter = chooseArrayDelimiter([nodes, edges]);
  const field = variant === 'spreadsheet' ? spreadsheetField : csvField;
  const counts = `nodes.csv: ${graph.nodes.length} entities; relationships.csv: ${graph.edges.length} relationships.`;
  const readme = (
    variant === 'spreadsheet'
      ? [
          'Trove graph export for spreadsheets: entities and the relationships between them, with their evidence.',
          '',
          "Text cells that begin with = + - @, a tab or a carriage return have an apostrophe (') in front, so",
          'that a spreadsheet shows them as text instead of running them as formulas. That changes those',
          'cells: to load the graph into Neo4j, use the exact export (format=csv) instead.',
          '',
          counts,
          `List cells are joined with '${delimiter.flag}'. Exported ${exportedAt.toISOString()}.`,
        ]
      : [
          'Trove graph export: entities and the relationships between them, with their evidence.',
          '',
          'Load into an empty Neo4j 5 database with:',
          '',
          `  neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv --array-delimiter='${delimiter.flag}' --multiline-fields=true neo4j`,
          '',
          counts,
          `List cells are split on '${delimiter.flag}'. Exported ${exportedAt.toISOString()}.`,
          'Every cell is exactly as stored, including text that begins with = + - or @: open the',
          'spreadsheet export (format=csv-spreadsheet) rather than this one in a spreadsheet.',
        ]
  ).join('\n');
  return zipSync(
    {
      'nodes.csv': strToU8(csvTable(nodes.columns, nodes.rows, delimiter.char, field)),
      'relationships.csv': strToU8(csvTable(edges.columns, edges.rows, delimiter.char, field)),
      'README.txt': strToU8(`${readme}\n`),
    },
    { level: 6, mtime: exportedAt },
  );
}

// ---- GraphML ------------------------------------------------------------------------------------

/**
 * XML 1.0 cannot carry most control characters or unpaired surrogates, not even as references, so
 * they become U+FFFD; the five special characters become entities.
 */
export function xmlEscape(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

interface GraphMlKey {
  id: string;
  for: 'node' | 'edge';
  name: string;
  type: 'string' | 'int' | 'long' | 'float' | 'double' | 'boolean';
}

const graphMlType: Record<ScalarType, GraphMlKey['type']> = {
  string: 'string',
  long: 'long',
  double: 'double',
  boolean: 'boolean',
};

/** Lists become one string (GraphML has no list type); '; ' reads well in Gephi's data table. */
function graphMlValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.length === 0 ? null : value.map(textOf).join('; ');
  return typeof value === 'string'
    ? value
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);
}

function dataElements(keys: readonly GraphMlKey[], values: readonly unknown[]): string {
  return keys
    .map((key, index) => {
      const value = graphMlValue(values[index]);
      return value === null ? '' : `\n      <data key="${key.id}">${xmlEscape(value)}</data>`;
    })
    .join('');
}

/** GraphML 1.0: node `label` is the entity's name, edge `label` its type, as Gephi shows them. */
export function toGraphMl(graph: GraphPayloadT): string {
  const extra = propertyColumns(graph.nodes);
  const nodeKeys: GraphMlKey[] = [
    { id: 'label', for: 'node', name: 'label', type: 'string' },
    { id: 'kind', for: 'node', name: 'kind', type: 'string' },
    { id: 'labels', for: 'node', name: 'labels', type: 'string' },
    { id: 'aliases', for: 'node', name: 'aliases', type: 'string' },
    { id: 'description', for: 'node', name: 'description', type: 'string' },
    { id: 'dateStart', for: 'node', name: 'dateStart', type: 'string' },
    { id: 'dateEnd', for: 'node', name: 'dateEnd', type: 'string' },
    { id: 'datePrecision', for: 'node', name: 'datePrecision', type: 'string' },
    ...extra.map((column, index): GraphMlKey => ({
      id: `p${index}`,
      for: 'node',
      name: column.name,
      type: column.array || column.type === null ? 'string' : graphMlType[column.type],
    })),
  ];
  const edgeKeys: GraphMlKey[] = [
    { id: 'e_label', for: 'edge', name: 'label', type: 'string' },
    { id: 'e_description', for: 'edge', name: 'description', type: 'string' },
    { id: 'e_stance', for: 'edge', name: 'stance', type: 'string' },
    { id: 'e_assertedBy', for: 'edge', name: 'assertedBy', type: 'string' },
    { id: 'e_assertedByName', for: 'edge', name: 'assertedByName', type: 'string' },
    { id: 'e_dateStart', for: 'edge', name: 'dateStart', type: 'string' },
    { id: 'e_dateEnd', for: 'edge', name: 'dateEnd', type: 'string' },
    { id: 'e_datePrecision', for: 'edge', name: 'datePrecision', type: 'string' },
    { id: 'e_evidenceCount', for: 'edge', name: 'evidenceCount', type: 'int' },
    { id: 'e_evidenceQuote', for: 'edge', name: 'evidenceQuote', type: 'string' },
    { id: 'e_evidenceSource', for: 'edge', name: 'evidenceSource', type: 'string' },
    // Claims: per link how many sources support it and whether they disagree; per quote its source's
    // title and who asserts it, in the order of evidenceQuote.
    { id: 'e_sourceCount', for: 'edge', name: 'sourceCount', type: 'int' },
    { id: 'e_asserterCount', for: 'edge', name: 'asserterCount', type: 'int' },
    { id: 'e_contested', for: 'edge', name: 'contested', type: 'boolean' },
    { id: 'e_evidenceSourceTitle', for: 'edge', name: 'evidenceSourceTitle', type: 'string' },
    { id: 'e_evidenceAsserter', for: 'edge', name: 'evidenceAsserter', type: 'string' },
    { id: 'e_evidenceStance', for: 'edge', name: 'evidenceStance', type: 'string' },
  ];

  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  ];
  for (const key of [...nodeKeys, ...edgeKeys]) {
    out.push(
      `  <key id="${xmlEscape(key.id)}" for="${key.for}" attr.name="${xmlEscape(key.name)}" attr.type="${key.type}"/>`,
    );
  }
  out.push('  <graph id="trove" edgedefault="directed">');
  for (const node of graph.nodes) {
    const values = [
      node.name,
      node.kind,
      ['Entity', ...node.types.filter((type) => type !== 'Entity')],
      node.aliases,
      node.description,
      node.date?.start,
      node.date?.end,
      node.date?.precision,
      ...extra.map((column) => node.properties[column.name]),
    ];
    out.push(`    <node id="${xmlEscape(node.id)}">${dataElements(nodeKeys, values)}\n    </node>`);
  }
  for (const edge of graph.edges) {
    const values = [
      edge.type,
      edge.description,
      edge.attribution.stance,
      edge.attribution.asserters.map((asserter) => asserter.id),
      edge.attribution.byName,
      edge.date?.start,
      edge.date?.end,
      edge.date?.precision,
      edge.evidence.length,
      edge.evidence.map((e) => e.quote),
      [...new Set(edge.evidence.map((e) => e.sourceId))],
      edge.sourceCount,
      edge.asserterCount,
      edge.contested,
      edge.evidence.map((e) => e.source?.title ?? e.sourceId),
      edge.evidence.map((e) => (e.asserters ?? []).map((a) => a.name).join(' and ') || '(the source itself)'),
      edge.evidence.map((e) => e.stance ?? 'reported'),
    ];
    out.push(
      `    <edge id="${xmlEscape(edge.id)}" source="${xmlEscape(edge.source)}" target="${xmlEscape(edge.target)}">${dataElements(edgeKeys, values)}\n    </edge>`,
    );
  }
  out.push('  </graph>', '</graphml>', '');
  return out.join('\n');
}
