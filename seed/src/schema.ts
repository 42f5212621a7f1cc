// Constraints and indexes of the graph model (docs/graph-model.md). Idempotent, so it runs on every
// start and before every load.
import type { Driver } from 'neo4j-driver';
import { isStatementType } from '../../model/index.js';

export const FULLTEXT_INDEX = 'entity_search';
// Lower-cases and folds accents (é → e); keeps CJK characters as tokens, so 陈全国 is searchable.
export const FULLTEXT_ANALYZER = 'standard-folding';

const BASE_SCHEMA: readonly [name: string, statement: string][] = [
  ['entity_id', 'CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE'],
  ['source_id', 'CREATE CONSTRAINT source_id IF NOT EXISTS FOR (s:Source) REQUIRE s.id IS UNIQUE'],
  // The history's counter is the graph's write lock (write-lock.ts): two first writers create one.
  [
    'change_counter_id',
    'CREATE CONSTRAINT change_counter_id IF NOT EXISTS FOR (c:ChangeCounter) REQUIRE c.id IS UNIQUE',
  ],
  ['entity_kind', 'CREATE INDEX entity_kind IF NOT EXISTS FOR (e:Entity) ON (e.kind)'],
  // The graph filtered by kinds and dates: the dated entities of the chosen kinds, without reading
  // every entity of those kinds (8,000 at a million links) to find the few that have a date.
  ['entity_kind_date', 'CREATE INDEX entity_kind_date IF NOT EXISTS FOR (e:Entity) ON (e.kind, e.dateStart)'],
  [
    'relationship_type_name',
    'CREATE CONSTRAINT relationship_type_name IF NOT EXISTS FOR (t:RelationshipType) REQUIRE t.id IS UNIQUE',
  ],
  [
    FULLTEXT_INDEX,
    `CREATE FULLTEXT INDEX ${FULLTEXT_INDEX} IF NOT EXISTS FOR (e:Entity) ON EACH [e.name, e.aliases]
     OPTIONS {indexConfig: {\`fulltext.analyzer\`: '${FULLTEXT_ANALYZER}', \`fulltext.eventually_consistent\`: false}}`,
  ],
];

/** The name of the uniqueness constraint (and its index) on `id` for one relationship type. */
export function relationshipConstraintName(type: string): string {
  return `relationship_${type.toLowerCase()}_id`;
}

function relationshipConstraint(type: string): [name: string, statement: string] {
  // A type is an identifier, not a parameter: only the vocabulary's UPPER_SNAKE_CASE names get here.
  if (!isStatementType(type)) {
    throw new Error(`Refusing to create a constraint for relationship type ${JSON.stringify(type)}`);
  }
  const name = relationshipConstraintName(type);
  return [name, `CREATE CONSTRAINT ${name} IF NOT EXISTS FOR ()-[r:${type}]-() REQUIRE r.id IS UNIQUE`];
}

/**
 * A range index on `dateStart` for one relationship type: the graph filtered by type and dates reads
 * the dated links of the type (a third of them) from it instead of scanning all of them.
 */
export function relationshipDateIndexName(type: string): string {
  return `relationship_${type.toLowerCase()}_date`;
}

function relationshipDateIndex(type: string): [name: string, statement: string] {
  if (!isStatementType(type)) {
    throw new Error(`Refusing to create an index for relationship type ${JSON.stringify(type)}`);
  }
  const name = relationshipDateIndexName(type);
  return [name, `CREATE INDEX ${name} IF NOT EXISTS FOR ()-[r:${type}]-() ON (r.dateStart)`];
}

/**
 * A range index on `dateEnd` for one relationship type: the graph filtered from a date reads the
 * links that start before it and end after it from here (server/src/graph/query.ts), so the start
 * index can be read from the range's first year instead of from the oldest link.
 */
export function relationshipDateEndIndexName(type: string): string {
  return `relationship_${type.toLowerCase()}_date_end`;
}

function relationshipDateEndIndex(type: string): [name: string, statement: string] {
  if (!isStatementType(type)) {
    throw new Error(`Refusing to create an index for relationship type ${JSON.stringify(type)}`);
  }
  const name = relationshipDateEndIndexName(type);
  return [name, `CREATE INDEX ${name} IF NOT EXISTS FOR ()-[r:${type}]-() ON (r.dateEnd)`];
}

/**
 * A full-text index (keyword analyzer: each id one term) on `assertedBy` for one relationship type:
 * a merge finds the claims its merged entity asserts, and a split gives them back, from here instead
 * of reading every link of the graph (2–4 s at 100k links). Range indexes cannot look inside a list;
 * full-text indexes take lists of strings. Per type, as the other relationship indexes, so a new type
 * adds an index instead of rebuilding one over all types.
 */
export function relationshipAssertedByIndexName(type: string): string {
  return `relationship_${type.toLowerCase()}_asserted_by`;
}

function relationshipAssertedByIndex(type: string): [name: string, statement: string] {
  if (!isStatementType(type)) {
    throw new Error(`Refusing to create an index for relationship type ${JSON.stringify(type)}`);
  }
  const name = relationshipAssertedByIndexName(type);
  return [
    name,
    `CREATE FULLTEXT INDEX ${name} IF NOT EXISTS FOR ()-[r:${type}]-() ON EACH [r.assertedBy]
     OPTIONS {indexConfig: {\`fulltext.analyzer\`: 'keyword', \`fulltext.eventually_consistent\`: false}}`,
  ];
}

export interface SchemaOptions {
  /**
   * Relationship types whose ids get a uniqueness constraint (which also makes lookups by id fast:
   * Neo4j indexes relationship properties per type). Defaults to the types already in the database.
   */
  relationshipTypes?: readonly string[];
  /** How long to wait for new indexes to come online. */
  timeoutSeconds?: number;
}

/** Creates what the model needs and waits until every index is ONLINE. */
export async function applySchema(driver: Driver, options: SchemaOptions = {}): Promise<void> {
  let types = options.relationshipTypes;
  if (!types) {
    const { records } = await driver.executeQuery(
      'CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType',
    );
    types = records.map((r) => r.get('relationshipType') as string);
  }
  const relationshipTypes = [...new Set(types)].filter(isStatementType).sort();
  // Each schema change needs a transaction of its own; asking first what exists saves dozens of
  // round trips on every start (IF NOT EXISTS would make a repeat harmless, not free).
  const names = new Set<string>();
  for (const show of ['SHOW CONSTRAINTS YIELD name', 'SHOW INDEXES YIELD name']) {
    const { records } = await driver.executeQuery(`${show} RETURN name`);
    for (const record of records) names.add(record.get('name') as string);
  }
  const missing = [
    ...BASE_SCHEMA,
    ...relationshipTypes.map(relationshipConstraint),
    ...relationshipTypes.map(relationshipDateIndex),
    ...relationshipTypes.map(relationshipDateEndIndex),
    ...relationshipTypes.map(relationshipAssertedByIndex),
  ].filter(([name]) => !names.has(name));
  if (missing.length > 0) {
    // One transaction for all of them: a schema transaction costs about 90 ms here, and a new store
    // needs four per relationship type (13 s for the bench's vocabulary one at a time, a third of
    // that together). Schema commands may share a transaction as long as it writes no data.
    const session = driver.session();
    try {
      const tx = session.beginTransaction();
      try {
        for (const [, statement] of missing) await tx.run(statement);
        await tx.commit();
      } catch (error) {
        if (tx.isOpen()) await tx.rollback();
        throw error;
      }
    } finally {
      await session.close();
    }
  }
  await waitForIndexes(driver, (options.timeoutSeconds ?? 300) * 1000);
}

/**
 * Polls until every index is ONLINE. Not `CALL db.awaitIndexes()`: that waits inside one
 * transaction, and a server with a transaction timeout shorter than the population (a busy machine,
 * a large store) would kill it half-way.
 */
async function waitForIndexes(driver: Driver, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { records } = await driver.executeQuery(
      "SHOW INDEXES YIELD name, state WHERE state <> 'ONLINE' RETURN name, state",
    );
    if (records.length === 0) return;
    const failed = records.filter((r) => r.get('state') === 'FAILED').map((r) => r.get('name') as string);
    if (failed.length > 0) throw new Error(`Index population failed: ${failed.join(', ')}`);
    if (Date.now() > deadline) {
      throw new Error(
        `Indexes not online after ${timeoutMs} ms: ${records.map((r) => r.get('name') as string).join(', ')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
