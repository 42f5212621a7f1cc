// The article's dataset as the tests' independent source of expectations: read from seed/data with
// the seed's own reader (not through the API or Neo4j), so counts are never hard-coded and a path
// oracle can be built without the database's path search.
import { defaultDatasetPath, readDataset, type CompiledDataset } from '../../seed/src/index.js';
import { formatErrors } from '../../seed/src/validate.js';

export async function readArticle(): Promise<CompiledDataset> {
  const read = await readDataset(defaultDatasetPath);
  if (!read.ok) throw new Error(formatErrors(read.errors));
  return read.dataset;
}

export interface OraclePath {
  nodes: string[];
  edges: string[];
}

/**
 * Every simple path (no entity twice) from `from` to `to` of 1..maxHops links, links walked in
 * either direction, by a plain depth-first search over the dataset's relationships.
 */
export function allSimplePaths(
  dataset: CompiledDataset,
  from: string,
  to: string,
  maxHops: number,
): OraclePath[] {
  const adjacent = new Map<string, { edge: string; other: string }[]>();
  const link = (a: string, edge: string, b: string) => {
    const list = adjacent.get(a) ?? [];
    list.push({ edge, other: b });
    adjacent.set(a, list);
  };
  for (const r of dataset.data.relationships) {
    link(r.from, r.id, r.to);
    if (r.from !== r.to) link(r.to, r.id, r.from);
  }
  const found: OraclePath[] = [];
  const nodes = [from];
  const edges: string[] = [];
  const walk = (at: string) => {
    if (edges.length > 0 && at === to) {
      found.push({ nodes: [...nodes], edges: [...edges] });
      return;
    }
    if (edges.length === maxHops) return;
    for (const { edge, other } of adjacent.get(at) ?? []) {
      if (nodes.includes(other)) continue;
      nodes.push(other);
      edges.push(edge);
      walk(other);
      nodes.pop();
      edges.pop();
    }
  };
  if (from !== to) walk(from);
  return found;
}

/** Cypher's order of lists of strings: element by element, a shorter prefix first. */
export function compareLists(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    if (a[i] !== b[i]) return (a[i] ?? '') < (b[i] ?? '') ? -1 : 1;
  }
  return a.length - b.length;
}
