// The loading baseline: what a competent hand-written loader does with the same rows and the same
// constraints (UNWIND batches of CREATE, no reading before writing, no merging, no undo). Trove's
// loader must come close to it while also being idempotent and undoable.
import neo4j, { type Driver } from 'neo4j-driver';
import { claimProps, fromDataset } from '../model/claims.js';
import type { DatasetRelationship } from '../seed/src/dataset.js';
import type { CompiledDataset } from '../seed/src/index.js';
import { textChunks, type DatasetShard } from '../seed/src/load.js';
import type { Mention } from '../seed/src/mentions.js';
import type { CompiledSource } from '../seed/src/read.js';
import { isStatementType, MENTIONED_IN } from '../model/index.js';

const int = (value: number): unknown => (Number.isSafeInteger(value) ? neo4j.int(value) : value);

async function batches(driver: Driver, query: string, rows: readonly object[], size: number): Promise<void> {
  for (let at = 0; at < rows.length; at += size) {
    await driver.executeQuery(query, { rows: rows.slice(at, at + size) });
  }
}

/**
 * The dataset, then its shards one at a time (the same rows as Trove's loader gets, see
 * LoadOptions.shards), so that neither loader holds more of a sharded dataset than the other.
 */
export async function rawLoad(
  driver: Driver,
  dataset: CompiledDataset,
  shards: AsyncIterable<DatasetShard> = (async function* () {})(),
  size = 10_000,
): Promise<void> {
  const { data } = dataset;
  const byKind = new Map<string, object[]>();
  for (const e of data.entities) {
    const props: Record<string, unknown> = {
      id: e.id,
      kind: e.kind,
      name: e.name,
      aliases: [...e.aliases, ...e.backgroundAliases],
      backgroundAliases: e.backgroundAliases,
      description: e.description,
    };
    if (e.role) props.role = e.role;
    if (e.date)
      Object.assign(props, {
        dateStart: e.date.start,
        dateEnd: e.date.end ?? null,
        datePrecision: e.date.precision,
      });
    for (const [name, n] of Object.entries(e.numbers))
      Object.assign(props, { [name]: int(n.value), [`${name}Qualifier`]: n.qualifier });
    const list = byKind.get(e.kind) ?? [];
    list.push({ props, official: e.official === true });
    byKind.set(e.kind, list);
  }
  // Sources first, as Trove's loader writes them (their mentions need them, links do not).
  await rawSources(driver, dataset.sources, size);
  for (const [kind, rows] of byKind) {
    await batches(
      driver,
      `UNWIND $rows AS row CREATE (e:Entity:${kind}) SET e = row.props
       FOREACH (_ IN CASE WHEN row.official THEN [1] ELSE [] END | SET e:Official)`,
      rows,
      size,
    );
  }
  await rawLinks(driver, data.relationships, dataset.mentions, size);
  for await (const shard of shards) {
    await rawSources(driver, shard.sources, size);
    await rawLinks(driver, shard.relationships, shard.mentions, size);
  }
}

async function rawSources(driver: Driver, sources: readonly CompiledSource[], size: number): Promise<void> {
  // Sources by text size as well as count, as Trove's loader does: 4,000 texts (80 MB at a million
  // links) in one statement are more than a transaction may hold (db.memory.transaction.max).
  for (const chunk of textChunks(sources, size)) {
    await driver.executeQuery('UNWIND $rows AS row CREATE (s:Source) SET s = row', {
      rows: chunk.map((s) => ({
        id: s.id,
        title: s.title,
        publisher: s.publisher,
        text: s.text,
        contentHash: s.contentHash,
        length: int(s.text.length),
      })),
    });
  }
}

async function rawLinks(
  driver: Driver,
  relationships: readonly DatasetRelationship[],
  mentions: readonly Mention[],
  size: number,
): Promise<void> {
  const byType = new Map<string, object[]>();
  for (const r of relationships) {
    const list = byType.get(r.type) ?? [];
    list.push({
      from: r.from,
      to: r.to,
      props: {
        id: r.id,
        description: r.description,
        ...claimProps(r.claims.map(fromDataset)),
        dateStart: r.date?.start ?? null,
        dateEnd: r.date?.end ?? null,
        datePrecision: r.date?.precision ?? null,
      },
    });
    byType.set(r.type, list);
  }
  for (const [type, rows] of byType) {
    if (!isStatementType(type)) throw new Error(`bad type ${type}`);
    await batches(
      driver,
      `UNWIND $rows AS row MATCH (a:Entity {id: row.from}) MATCH (b:Entity {id: row.to})
       CREATE (a)-[r:${type}]->(b) SET r = row.props`,
      rows,
      size,
    );
  }
  await batches(
    driver,
    `UNWIND $rows AS row MATCH (e:Entity {id: row.entity}) MATCH (s:Source {id: row.source})
     CREATE (e)-[:${MENTIONED_IN} {start: row.start, end: row.end, text: row.text, curated: row.curated}]->(s)`,
    mentions.map((m) => ({ ...m, start: int(m.start), end: int(m.end) })),
    size,
  );
}

/**
 * Deletes every relationship, 10,000 per transaction. Run before deleting nodes: deleting 10,000
 * nodes at a time with their relationships puts whole sources' mentions and hubs' links into one
 * transaction, which overflows the transaction memory limit at 100k links.
 */
export async function deleteAllRelationships(driver: Driver): Promise<void> {
  const session = driver.session();
  try {
    await session.run('MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
}
