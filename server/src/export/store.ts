// The whole store as files for `neo4j-admin database import full` (format=neo4j-admin): every node
// with its labels, every relationship with its type, every property with its Neo4j type, so that an
// import into an empty database gives back the same store (tests/integration/neo4j-admin-import.test.ts
// proves it with the real tool from the project's own jars). format=csv stays the graph view of
// entities and links, filterable, for reading.
//
// Two things neo4j-admin's CSV cannot say, measured with 5.26: an empty list and a list holding one
// empty string both come back as no property at all (an empty cell, quoted or not, is "no value";
// one delimiter is two empty strings). The store has many ([] aliases, [''] for a claim in the
// source's own voice), so the zip carries them as restore-lists.cypher, run once after the import.
import neo4j, { type Driver } from 'neo4j-driver';
import { strToU8, zipSync } from 'fflate';
import { csvField } from '../../../contract/csv.js';

type Value = unknown;
interface Item {
  labels: string[];
  props: Record<string, Value>;
}
interface StoredNode extends Item {
  key: string;
}
interface StoredRelationship {
  type: string;
  start: string;
  end: string;
  props: Record<string, Value>;
}

/** Characters neo4j-admin may split lists (and labels) on, tried in order; the first unused wins. */
const DELIMITERS = [
  { char: ';', flag: ';' },
  { char: '|', flag: '|' },
  { char: '\u001f', flag: 'U+001F' },
] as const;

/** The neo4j-admin type of a scalar, or null for one this export cannot write. */
function scalarType(value: Value): string | null {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (neo4j.isInt(value)) return 'long';
  if (typeof value === 'number') return Number.isFinite(value) ? 'double' : null;
  if (neo4j.isDateTime(value)) return 'datetime';
  if (neo4j.isLocalDateTime(value)) return 'localdatetime';
  if (neo4j.isDate(value)) return 'date';
  if (neo4j.isTime(value)) return 'time';
  if (neo4j.isLocalTime(value)) return 'localtime';
  if (neo4j.isDuration(value)) return 'duration';
  return null;
}

/** The column type of a property value; lists take their elements' type (empty lists: null). */
function columnType(value: Value): string | null {
  if (Array.isArray(value)) {
    const types = new Set(value.map(scalarType));
    const [type] = types;
    return types.size === 1 && type ? `${type}[]` : null;
  }
  return scalarType(value);
}

/** Whether CSV can carry the value: not an empty list, nor a list of one empty string. */
const csvCanSay = (value: Value): boolean =>
  !Array.isArray(value) || !(value.length === 0 || (value.length === 1 && value[0] === ''));

const scalarText = (value: Value): string => String(value);

function cell(value: Value, delimiter: string): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return csvField(value.map(scalarText).join(delimiter));
  const text = scalarText(value);
  // A quoted empty field is an empty string; an unquoted one would be no property.
  return text === '' ? '""' : csvField(text);
}

/** A Cypher literal of a list the CSV cannot carry ([] or ['']). */
const listLiteral = (value: Value[]): string => `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;

/**
 * The store as a zip: nodes-N.csv and relationships-N.csv (one file per label set or type and
 * property types, since a column has one type), restore-lists.cypher and a README with the command.
 */
export async function readStoreForAdmin(driver: Driver, exportedAt = new Date()): Promise<Uint8Array> {
  const { records: nodeRecords } = await driver.executeQuery(
    'MATCH (n) RETURN elementId(n) AS key, labels(n) AS labels, properties(n) AS props ORDER BY key',
    {},
    { routing: 'READ' },
  );
  const { records: relRecords } = await driver.executeQuery(
    `MATCH (a)-[r]->(b)
     RETURN elementId(a) AS start, elementId(b) AS end, type(r) AS type, properties(r) AS props
     ORDER BY elementId(r)`,
    {},
    { routing: 'READ' },
  );
  const nodes: StoredNode[] = nodeRecords.map((r) => ({
    key: r.get('key') as string,
    labels: [...(r.get('labels') as string[])].sort(),
    props: r.get('props') as Record<string, Value>,
  }));
  const relationships: StoredRelationship[] = relRecords.map((r) => ({
    start: r.get('start') as string,
    end: r.get('end') as string,
    type: r.get('type') as string,
    props: r.get('props') as Record<string, Value>,
  }));

  const texts = [
    ...nodes.flatMap((n) => [...n.labels, ...listTexts(n.props)]),
    ...relationships.flatMap((r) => listTexts(r.props)),
  ];
  const delimiter = DELIMITERS.find(({ char }) => texts.every((t) => !t.includes(char)));
  if (!delimiter) throw new Error('every list delimiter occurs in some list element');

  // Import ids are positions in this file set, never stored (an `:ID` column without a name).
  const importId = new Map(nodes.map((n, i) => [n.key, String(i)]));
  const restore: string[] = [];
  const files: Record<string, Uint8Array> = {};
  const nodeFiles: string[] = [];
  const relationshipFiles: string[] = [];

  const groups = <T extends { props: Record<string, Value> }>(items: T[], head: (item: T) => string) => {
    const byKey = new Map<string, { columns: [string, string][]; items: T[] }>();
    for (const item of items) {
      const columns: [string, string][] = [];
      for (const [name, value] of Object.entries(item.props).sort(([a], [b]) => a.localeCompare(b))) {
        if (!csvCanSay(value)) continue;
        const type = columnType(value);
        if (!type) throw new Error(`property ${name} has a value neo4j-admin CSV cannot hold`);
        columns.push([name, type]);
      }
      const key = `${head(item)}|${columns.map(([n, t]) => `${n}:${t}`).join(',')}`;
      const group = byKey.get(key) ?? { columns, items: [] };
      group.items.push(item);
      byKey.set(key, group);
    }
    return [...byKey.values()];
  };

  groups(nodes, (n) => n.labels.join(':')).forEach((group, i) => {
    const header = [':ID', ':LABEL', ...group.columns.map(([name, type]) => `${name}:${type}`)];
    const lines = group.items.map((node) =>
      [
        importId.get(node.key) ?? '',
        csvField(node.labels.join(delimiter.char)),
        ...group.columns.map(([name]) => cell(node.props[name], delimiter.char)),
      ].join(','),
    );
    const name = `nodes-${i + 1}.csv`;
    files[name] = strToU8(`${[header.join(','), ...lines].join('\r\n')}\r\n`);
    nodeFiles.push(name);
  });
  groups(relationships, (r) => r.type).forEach((group, i) => {
    const header = [':START_ID', ':END_ID', ':TYPE', ...group.columns.map(([n, t]) => `${n}:${t}`)];
    const lines = group.items.map((rel) =>
      [
        importId.get(rel.start) ?? '',
        importId.get(rel.end) ?? '',
        csvField(rel.type),
        ...group.columns.map(([name]) => cell(rel.props[name], delimiter.char)),
      ].join(','),
    );
    const name = `relationships-${i + 1}.csv`;
    files[name] = strToU8(`${[header.join(','), ...lines].join('\r\n')}\r\n`);
    relationshipFiles.push(name);
  });

  // The lists CSV cannot carry, set by matching each item on everything CSV did carry.
  const match = (props: Record<string, Value>): string =>
    Object.entries(props)
      .filter(([, value]) => csvCanSay(value))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]) => `\`${name}\`: ${literal(value)}`)
      .join(', ');
  for (const node of nodes) {
    const lists = Object.entries(node.props).filter(([, value]) => !csvCanSay(value));
    if (lists.length === 0) continue;
    const labels = node.labels.map((l) => `:\`${l}\``).join('');
    restore.push(
      `MATCH (n${labels} {${match(node.props)}}) SET ${lists
        .map(([name, value]) => `n.\`${name}\` = ${listLiteral(value as Value[])}`)
        .join(', ')};`,
    );
  }
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  for (const rel of relationships) {
    const lists = Object.entries(rel.props).filter(([, value]) => !csvCanSay(value));
    if (lists.length === 0) continue;
    const [a, b] = [byKey.get(rel.start), byKey.get(rel.end)];
    if (!a || !b) continue;
    const node = (n: StoredNode) => `${n.labels.map((l) => `:\`${l}\``).join('')} {${match(n.props)}}`;
    restore.push(
      `MATCH (${node(a)})-[r:\`${rel.type}\` {${match(rel.props)}}]->(${node(b)}) SET ${lists
        .map(([name, value]) => `r.\`${name}\` = ${listLiteral(value as Value[])}`)
        .join(', ')};`,
    );
  }
  files['restore-lists.cypher'] = strToU8(`${restore.join('\n')}\n`);

  const command = [
    'neo4j-admin database import full',
    ...nodeFiles.map((f) => `--nodes=${f}`),
    ...relationshipFiles.map((f) => `--relationships=${f}`),
    `--array-delimiter=${delimiter.flag}`,
    '--multiline-fields=true',
    'neo4j',
  ].join(' ');
  files['README.txt'] = strToU8(
    [
      'Trove store export: every node, relationship and property, for neo4j-admin.',
      '',
      'Into an empty database (stop it first):',
      '',
      `  ${command}`,
      '',
      'then start it and run restore-lists.cypher once (cypher-shell -f restore-lists.cypher): it sets',
      `the ${restore.length} properties that CSV cannot hold (empty lists, lists of one empty string).`,
      'Constraints and indexes are not part of the data: `npm run seed` creates them on an existing store.',
      '',
      `${nodes.length} nodes in ${nodeFiles.length} files, ${relationships.length} relationships in ${relationshipFiles.length} files.`,
      `Exported ${exportedAt.toISOString()}.`,
      '',
    ].join('\n'),
  );
  files['import-args.json'] = strToU8(
    `${JSON.stringify({ nodes: nodeFiles, relationships: relationshipFiles, arrayDelimiter: delimiter.flag })}\n`,
  );
  return zipSync(files, { level: 6, mtime: exportedAt });
}

function listTexts(props: Record<string, Value>): string[] {
  return Object.values(props).flatMap((value) => (Array.isArray(value) ? value.map(scalarText) : []));
}

/** A Cypher literal of a stored value, for matching in restore-lists.cypher. */
function literal(value: Value): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (neo4j.isInt(value)) return value.toString();
  if (typeof value === 'number') return Number.isInteger(value) ? `${value}.0` : String(value);
  if (typeof value === 'boolean') return String(value);
  const type = scalarType(value);
  return `${type}(${JSON.stringify(String(value))})`;
}
