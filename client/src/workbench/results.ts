import type { CypherResponseT } from '../../../contract/cypher.js';
import { spreadsheetField } from '../../../contract/csv.js';

/**
 * A console response ({columns, rows, graph, summary}) as a table: display text for every cell, a
 * comparison for sorting by any column, and CSV. Pure, so the workbench UI only renders.
 *
 * Rows hold the server's plain JSON (server/src/db/mapping.ts): null, booleans, numbers, strings,
 * lists, maps, points {srid, x, y, z?}, and nodes, relationships and paths tagged with `kind`.
 * Integers beyond 2^53 arrive as decimal strings and temporal values and durations as ISO-8601
 * text, so those are strings here too; big integers are recognised by their digits and sort as
 * numbers. A map that happens to have exactly the keys of a point reads as a point.
 */

export type ValueKind =
  | 'null'
  | 'boolean'
  | 'number'
  | 'bigint'
  | 'string'
  | 'list'
  | 'map'
  | 'point'
  | 'node'
  | 'relationship'
  | 'path';

export interface PlainNodeValue {
  kind: 'node';
  elementId: string;
  labels: string[];
  properties: Record<string, unknown>;
}

export interface PlainRelationshipValue {
  kind: 'relationship';
  elementId: string;
  type: string;
  startElementId: string;
  endElementId: string;
  properties: Record<string, unknown>;
}

export interface PlainPathValue {
  kind: 'path';
  nodes: PlainNodeValue[];
  relationships: PlainRelationshipValue[];
}

export interface PointValue {
  srid: number;
  x: number;
  y: number;
  z?: number;
}

export interface Cell {
  value: unknown;
  kind: ValueKind;
  /** What the table shows. */
  text: string;
}

export interface TableModel {
  columns: string[];
  rows: Cell[][];
  rowCount: number;
  /** The row cap cut the result; the table shows the first rows only. */
  truncated: boolean;
  ms: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNodeValue(value: Record<string, unknown>): value is Record<string, unknown> & PlainNodeValue {
  return value.kind === 'node' && Array.isArray(value.labels) && isRecord(value.properties);
}

function isRelationshipValue(
  value: Record<string, unknown>,
): value is Record<string, unknown> & PlainRelationshipValue {
  return value.kind === 'relationship' && typeof value.type === 'string' && isRecord(value.properties);
}

function isPathValue(value: Record<string, unknown>): value is Record<string, unknown> & PlainPathValue {
  return value.kind === 'path' && Array.isArray(value.nodes) && Array.isArray(value.relationships);
}

function isPointValue(value: Record<string, unknown>): value is Record<string, unknown> & PointValue {
  const keys = Object.keys(value).sort().join(',');
  return (
    (keys === 'srid,x,y' || keys === 'srid,x,y,z') &&
    typeof value.srid === 'number' &&
    typeof value.x === 'number' &&
    typeof value.y === 'number' &&
    (value.z === undefined || typeof value.z === 'number')
  );
}

const bigIntegerPattern = /^-?\d{16,}$/;

/** A decimal string the server made from an integer too large for a JavaScript number. */
function isBigIntegerText(value: string): boolean {
  if (!bigIntegerPattern.test(value)) return false;
  const big = BigInt(value);
  return big > BigInt(Number.MAX_SAFE_INTEGER) || big < BigInt(Number.MIN_SAFE_INTEGER);
}

export function valueKind(value: unknown): ValueKind {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return isBigIntegerText(value) ? 'bigint' : 'string';
  if (Array.isArray(value)) return 'list';
  if (isRecord(value)) {
    if (isNodeValue(value)) return 'node';
    if (isRelationshipValue(value)) return 'relationship';
    if (isPathValue(value)) return 'path';
    if (isPointValue(value)) return 'point';
    return 'map';
  }
  return 'string';
}

/** Map keys and labels as Cypher writes them: bare when they can be, in backticks otherwise. */
function name(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : `\`${key.replace(/`/g, '``')}\``;
}

function numberText(value: number): string {
  return Object.is(value, -0) ? '0' : String(value);
}

/** How a node or relationship is named inside a longer text: its `id`, else its name, else its element id. */
function identity(properties: Record<string, unknown>, elementId: string): string {
  for (const key of ['id', 'name', 'title']) {
    const value = properties[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return elementId;
}

/** A few identifying properties: a Source node's full text would swamp a table cell. */
function briefProperties(properties: Record<string, unknown>): string {
  const keys = Object.keys(properties);
  const preferred = ['id', 'name'].filter((key) => key in properties);
  const shown = preferred.length > 0 ? preferred : keys.slice(0, 3);
  if (shown.length === 0) return '';
  const more = keys.length > shown.length ? ', …' : '';
  return ` {${shown.map((key) => `${name(key)}: ${nestedText(properties[key])}`).join(', ')}${more}}`;
}

function nodeText(node: PlainNodeValue): string {
  return `(${node.labels.map((label) => `:${name(label)}`).join('')}${briefProperties(node.properties)})`;
}

function relationshipText(rel: PlainRelationshipValue): string {
  return `[:${name(rel.type)}${briefProperties(rel.properties)}]`;
}

function pathText(path: PlainPathValue): string {
  const [first] = path.nodes;
  if (!first) return '()';
  let text = `(${identity(first.properties, first.elementId)})`;
  path.relationships.forEach((rel, index) => {
    const previous = path.nodes[index];
    const next = path.nodes[index + 1];
    const label = `[:${name(rel.type)}]`;
    const forward = previous === undefined || rel.startElementId === previous.elementId;
    text += forward ? `-${label}->` : `<-${label}-`;
    text += next ? `(${identity(next.properties, next.elementId)})` : '()';
  });
  return text;
}

function pointText(point: PointValue): string {
  const z = point.z === undefined ? '' : `, z: ${numberText(point.z)}`;
  return `point({srid: ${point.srid}, x: ${numberText(point.x)}, y: ${numberText(point.y)}${z}})`;
}

/** A value inside a list, map or property: strings are quoted so that ["a, b"] is not read as two. */
function nestedText(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : cellText(value);
}

/** The display text of any value of a console row. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(nestedText).join(', ')}]`;
  if (isRecord(value)) {
    if (isNodeValue(value)) return nodeText(value);
    if (isRelationshipValue(value)) return relationshipText(value);
    if (isPathValue(value)) return pathText(value);
    if (isPointValue(value)) return pointText(value);
    const entries = Object.entries(value).map(([key, inner]) => `${name(key)}: ${nestedText(inner)}`);
    return `{${entries.join(', ')}}`;
  }
  return String(value);
}

export function toCell(value: unknown): Cell {
  return { value, kind: valueKind(value), text: cellText(value) };
}

export function toTableModel(response: CypherResponseT): TableModel {
  return {
    columns: [...response.columns],
    rows: response.rows.map((row) => response.columns.map((_column, index) => toCell(row[index]))),
    rowCount: response.summary.rowCount,
    truncated: response.summary.truncated,
    ms: response.summary.ms,
  };
}

// Numbers first, then booleans, then text, then structured values (by their text); nulls apart.
const kindOrder: Record<ValueKind, number> = {
  number: 0,
  bigint: 0,
  boolean: 1,
  string: 2,
  list: 3,
  map: 3,
  point: 3,
  node: 3,
  relationship: 3,
  path: 3,
  null: 4,
};

// Locale-aware, and "item 2" before "item 10" as a reader expects.
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function compareNumeric(a: Cell, b: Cell): number {
  if (a.kind === 'number' && b.kind === 'number') {
    const x = a.value as number;
    const y = b.value as number;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  // At least one is beyond 2^53; compare exactly when both are whole, else near enough as doubles.
  const toBig = (cell: Cell): bigint | null =>
    cell.kind === 'bigint'
      ? BigInt(cell.value as string)
      : Number.isInteger(cell.value)
        ? BigInt(cell.value as number)
        : null;
  const x = toBig(a);
  const y = toBig(b);
  if (x !== null && y !== null) return x < y ? -1 : x > y ? 1 : 0;
  const dx = Number(a.value);
  const dy = Number(b.value);
  return dx < dy ? -1 : dx > dy ? 1 : 0;
}

/** Nodes sort by who they are (chen-quanguo), not by their labels, which a column mostly shares. */
function sortText(cell: Cell): string {
  if (cell.kind === 'node') {
    const node = cell.value as PlainNodeValue;
    return identity(node.properties, node.elementId);
  }
  return cell.text;
}

/** Ascending order of two cells; nulls after everything else. */
export function compareCells(a: Cell, b: Cell): number {
  const rank = kindOrder[a.kind] - kindOrder[b.kind];
  if (rank !== 0) return rank;
  switch (kindOrder[a.kind]) {
    case 0: {
      // NaN arrives as the text "NaN", so numbers here are finite or infinite, never NaN.
      return compareNumeric(a, b);
    }
    case 1:
      return Number(a.value) - Number(b.value);
    case 4:
      return 0;
    default: {
      const x = sortText(a);
      const y = sortText(b);
      return collator.compare(x, y) || (x < y ? -1 : x > y ? 1 : 0);
    }
  }
}

export type SortDirection = 'ascending' | 'descending';

/**
 * The rows sorted by one column. Nulls stay last in both directions (an empty cell at the top of a
 * descending sort hides the values the user wanted); equal cells keep their query order.
 */
export function sortRows(rows: readonly Cell[][], column: number, direction: SortDirection): Cell[][] {
  const sign = direction === 'ascending' ? 1 : -1;
  const nullCell = toCell(null);
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      const x = a.row[column] ?? nullCell;
      const y = b.row[column] ?? nullCell;
      if (x.kind === 'null' || y.kind === 'null') {
        return (x.kind === 'null' ? 1 : 0) - (y.kind === 'null' ? 1 : 0) || a.index - b.index;
      }
      return sign * compareCells(x, y) || a.index - b.index;
    })
    .map(({ row }) => row);
}

/**
 * A cell as a CSV field's content: scalars as their text (null as an empty field), everything else
 * as the readable text the table shows (never JSON, never a node's every property).
 */
export function csvText(cell: Cell): string {
  return cell.kind === 'null' ? '' : cell.text;
}

/** The kind of an entity node (`Person`), leaving out the label every entity shares. */
function nodeKind(node: PlainNodeValue): string {
  return node.labels.filter((label) => label !== 'Entity' && label !== 'Official').join(';');
}

function textProperty(properties: Record<string, unknown>, key: string): string {
  const value = properties[key];
  return value === null || value === undefined ? '' : typeof value === 'string' ? value : cellText(value);
}

type Flattened = { header: (column: string) => string[]; fields: (cell: Cell) => string[] };

/**
 * How one result column becomes CSV columns: nodes as id, name and kind, relationships as type, from
 * and to, so a spreadsheet can sort and filter them; a Source node's text, hundreds of characters in
 * every row, is never written. A column's first non-null value decides; other values in it are written
 * as their text in its first field.
 */
function flattening(cells: readonly Cell[], endName: (elementId: string) => string): Flattened {
  const first = cells.find((cell) => cell.kind !== 'null');
  const pad = (fields: string[], width: number) => [
    ...fields,
    ...Array<string>(width - fields.length).fill(''),
  ];
  if (first?.kind === 'node') {
    return {
      header: (column) => [`${column}.id`, `${column}.name`, `${column}.kind`],
      fields: (cell) => {
        if (cell.kind !== 'node') return pad([csvText(cell)], 3);
        const node = cell.value as PlainNodeValue;
        const id = textProperty(node.properties, 'id') || node.elementId;
        const label = textProperty(node.properties, 'name') || textProperty(node.properties, 'title');
        return [id, label, nodeKind(node)];
      },
    };
  }
  if (first?.kind === 'relationship') {
    return {
      header: (column) => [`${column}.type`, `${column}.from`, `${column}.to`],
      fields: (cell) => {
        if (cell.kind !== 'relationship') return pad([csvText(cell)], 3);
        const rel = cell.value as PlainRelationshipValue;
        return [rel.type, endName(rel.startElementId), endName(rel.endElementId)];
      },
    };
  }
  return { header: (column) => [column], fields: (cell) => [csvText(cell)] };
}

/** Every node anywhere in the rows by element id, so a relationship's ends can be named by their ids. */
function nodesByElementId(rows: readonly Cell[][]): Map<string, string> {
  const names = new Map<string, string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isRecord(value)) {
      if (isNodeValue(value)) names.set(value.elementId, identity(value.properties, value.elementId));
      else if (isPathValue(value)) value.nodes.forEach(visit);
      else if (!isRelationshipValue(value)) Object.values(value).forEach(visit);
    }
  };
  for (const row of rows) for (const cell of row) visit(cell.value);
  return names;
}

/**
 * The table as CSV for a spreadsheet: nodes and relationships flattened to readable columns, every
 * field neutralised against formula injection (OWASP) and quoted as RFC 4180 asks, CRLF between
 * records. `ends` names relationship ends the rows do not hold (from the response's graph).
 */
export function toCsv(
  model: Pick<TableModel, 'columns' | 'rows'>,
  ends: ReadonlyMap<string, string> = new Map(),
): string {
  const names = nodesByElementId(model.rows);
  const endName = (elementId: string) => names.get(elementId) ?? ends.get(elementId) ?? elementId;
  const nullCell = toCell(null);
  const plans = model.columns.map((_column, index) =>
    flattening(
      model.rows.map((row) => row[index] ?? nullCell),
      endName,
    ),
  );
  const record = (fields: string[]) => fields.map(spreadsheetField).join(',');
  const lines = [record(model.columns.flatMap((column, index) => plans[index]?.header(column) ?? [column]))];
  for (const row of model.rows) {
    lines.push(record(plans.flatMap((plan, index) => plan.fields(row[index] ?? nullCell))));
  }
  return lines.join('\r\n');
}

/**
 * The ends of every relationship in the rows by element id, from the response's graph (which reads
 * them back even when the query returned the relationship alone), for the CSV's from and to.
 */
export function relationshipEnds(response: CypherResponseT): Map<string, string> {
  const edges = new Map(response.graph.edges.map((edge) => [edge.id, edge]));
  const ends = new Map<string, string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isRecord(value)) {
      if (isRelationshipValue(value)) {
        const edge = edges.get(String(value.properties.id));
        if (edge) {
          ends.set(value.startElementId, edge.source);
          ends.set(value.endElementId, edge.target);
        }
      } else if (isPathValue(value)) value.relationships.forEach(visit);
      else if (!isNodeValue(value)) Object.values(value).forEach(visit);
    }
  };
  response.rows.forEach(visit);
  return ends;
}
