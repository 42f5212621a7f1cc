// A valid dataset against a live database: everything that loading it would refuse (a kind, a type
// or ends that differ from what is stored, a changed source text, a date another dataset's claims
// disagree with) and everything it would record rather than write (an entity field another dataset
// set differently), all at once, before anything is written.
import neo4j, { type Driver } from 'neo4j-driver';
import { storedClaims } from '../../model/claims.js';
import { isStatementType, LABEL } from '../../model/index.js';
import { lookupRelationships } from './load/relationships.js';
import { ASSERTION_KEYS, datasetOrigin, entityFieldConflicts, mergedRelationshipProps } from './load.js';
import type { CompiledDataset } from './read.js';
import type { PathSegment, ValidationError } from './validate.js';

type Props = Record<string, unknown>;

export interface DatabaseCheck {
  /** What the load would refuse. */
  errors: ValidationError[];
  /** What the load writes as a sourced alternative or a contest, for the curator to know. */
  notes: ValidationError[];
}

function plain(value: unknown): unknown {
  if (neo4j.isInt(value)) return value.toNumber();
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(plain(a) ?? null) === JSON.stringify(plain(b) ?? null);
}

function show(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(plain(value));
  return JSON.stringify(text.length > 70 ? `${text.slice(0, 67)}...` : text);
}

export async function checkAgainstDatabase(driver: Driver, dataset: CompiledDataset): Promise<DatabaseCheck> {
  const { data, file } = dataset;
  const errors: ValidationError[] = [];
  const notes: ValidationError[] = [];
  const at = (list: ValidationError[], path: PathSegment[], record: string, problem: string): void => {
    list.push({ file, record, problem, path, line: dataset.lineOf?.(path) });
  };
  const read = { routing: neo4j.routing.READ };

  const sources = await driver.executeQuery(
    `UNWIND $ids AS id MATCH (s:${LABEL.source} {id: id}) RETURN s.id AS id, s.contentHash AS hash`,
    { ids: data.sources.map((s) => s.id) },
    read,
  );
  const hashes = new Map(sources.records.map((r) => [r.get('id') as string, r.get('hash') as string]));
  data.sources.forEach((source, i) => {
    const stored = hashes.get(source.id);
    if (stored !== undefined && stored !== source.contentHash) {
      at(
        errors,
        ['sources', i, 'contentHash'],
        `sources[${i}] "${source.id}"`,
        `the database holds another text for this source (${stored}); a source's text never changes under its id`,
      );
    }
  });

  const origin = datasetOrigin(dataset);
  const entities = await driver.executeQuery(
    `UNWIND $ids AS id MATCH (e:${LABEL.entity} {id: id}) RETURN e.id AS id, properties(e) AS props`,
    { ids: data.entities.map((e) => e.id) },
    read,
  );
  const storedEntities = new Map(
    entities.records.map((r) => [r.get('id') as string, r.get('props') as Props]),
  );
  data.entities.forEach((entity, i) => {
    const current = storedEntities.get(entity.id);
    if (!current) return;
    const record = `entities[${i}] "${entity.id}"`;
    if (current.kind !== entity.kind) {
      at(
        errors,
        ['entities', i, 'kind'],
        record,
        `kind is ${entity.kind} but the database holds it as ${String(current.kind)}`,
      );
    }
    const owners = new Map(
      (Array.isArray(current.fieldSources) ? (current.fieldSources as string[]) : []).map((pair) => {
        const cut = pair.indexOf('=');
        return [pair.slice(0, cut), pair.slice(cut + 1)] as const;
      }),
    );
    for (const conflict of entityFieldConflicts(entity, current, origin)) {
      const storedValue = conflict.field === 'date' ? current.dateStart : current[conflict.field];
      const path = [
        'entities',
        i,
        ['name', 'description', 'role', 'date'].includes(conflict.field) ? conflict.field : 'numbers',
      ];
      at(
        notes,
        path,
        record,
        `${conflict.field} ${show(conflict.value)} differs from ${show(storedValue)} set by "${owners.get(conflict.field) ?? '?'}"; it will be stored as an alternative sourced to "${origin}", not over it`,
      );
    }
  });

  // Relationship ids are unique across types, which no index covers: one seek per id and type.
  const typeRecords = await driver.executeQuery(
    'CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType',
    {},
    read,
  );
  const types = typeRecords.records.map((r) => r.get('relationshipType') as string).filter(isStatementType);
  const storedRels = new Map<string, { type: string; from: string; to: string; props: Props }>();
  if (types.length > 0 && data.relationships.length > 0) {
    const session = driver.session({ defaultAccessMode: neo4j.session.READ });
    try {
      const found = await lookupRelationships(
        session,
        data.relationships.map((r) => r.id),
        types,
      );
      for (const { id, ...stored } of found) storedRels.set(id, stored);
    } finally {
      await session.close();
    }
  }
  const datasetSources = new Set(data.sources.map((s) => s.id));
  data.relationships.forEach((rel, i) => {
    const current = storedRels.get(rel.id);
    if (!current) return;
    const record = `relationships[${i}] "${rel.id}"`;
    if (current.type !== rel.type || current.from !== rel.from || current.to !== rel.to) {
      at(
        errors,
        ['relationships', i],
        record,
        `the database holds it as (${current.from})-[:${current.type}]->(${current.to}), not (${rel.from})-[:${rel.type}]->(${rel.to}); give it a new id`,
      );
      return;
    }
    const others = storedClaims(current.props).filter((c) => !datasetSources.has(c.source));
    if (others.length === 0) return;
    const next = mergedRelationshipProps(rel, current.props, datasetSources);
    const differing = ASSERTION_KEYS.filter((key) => !same(current.props[key], next[key]));
    if (differing.length > 0) {
      at(
        errors,
        ['relationships', i, 'date'],
        record,
        `date ${show([next.dateStart, next.dateEnd].filter(Boolean).join('/'))} differs from ${show([current.props.dateStart, current.props.dateEnd].filter(Boolean).join('/'))}, which the claims of ${[...new Set(others.map((c) => `"${c.source}"`))].join(', ')} carry`,
      );
    }
    const stancesElsewhere = new Set(others.map((c) => c.stance));
    rel.claims.forEach((claim, j) => {
      const disagreeing = [...stancesElsewhere].filter((s) => s !== claim.stance);
      if (disagreeing.length > 0) {
        at(
          notes,
          ['relationships', i, rel.claimsField, j],
          record,
          `claim is ${claim.stance}${claim.by.length > 0 ? ` by ${claim.by.join(', ')}` : ` by "${claim.source}" itself`}; other sources have it ${disagreeing.join(', ')}: the relationship will be contested`,
        );
      }
    });
  });
  return { errors, notes };
}
