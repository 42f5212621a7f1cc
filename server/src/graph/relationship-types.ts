import { type DomainError, invalid } from '../errors.js';
import type { Driver } from 'neo4j-driver';
import { isStatementType, MENTIONED_IN, STATEMENT_TYPES } from '../../../model/index.js';

/** Mentions link entities to sources; they are bookkeeping, never part of the entity graph. */
export const MENTION_TYPE = MENTIONED_IN;

/** Relationship types between entities that the database knows, sorted. */
export async function entityRelationshipTypes(driver: Driver): Promise<string[]> {
  const { records } = await driver.executeQuery(
    'CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType',
    {},
    { routing: 'READ' },
  );
  return records
    .map((record) => String(record.get('relationshipType')))
    .filter(isStatementType)
    .sort();
}

function unknownTypeError(unknown: string, field: string): DomainError {
  const reason = unknown === MENTION_TYPE ? 'links entities to sources, not to entities' : 'does not exist';
  return invalid(`${field}: relationship type '${unknown}' ${reason}`, field);
}

/**
 * The requested types, checked against the database's: null when no filter was asked for, a 400
 * naming the first unknown type otherwise. Only checked types may be written into a pattern.
 */
export async function checkedRelationshipTypes(
  driver: Driver,
  requested: readonly string[] | undefined,
  field = 'rels',
): Promise<string[] | null> {
  if (!requested || requested.length === 0) return null;
  const known = new Set(await entityRelationshipTypes(driver));
  const unknown = requested.find((type) => !known.has(type));
  if (unknown !== undefined) throw unknownTypeError(unknown, field);
  return [...new Set(requested)];
}

/**
 * The same check in the query that uses the types, instead of a round trip of its own before it:
 * `requestedRelationshipTypes` checks the form (and refuses mentions) without the database, the
 * query adds `knownRelationshipTypesSubquery`, and `checkKnownRelationshipTypes` answers the 400
 * for a type the database does not know, before anything else of the result is used. A pattern
 * with a type that does not exist matches nothing, so running it first does no harm.
 */
export function requestedRelationshipTypes(
  requested: readonly string[] | undefined,
  field = 'rels',
): string[] | null {
  if (!requested || requested.length === 0) return null;
  const refused = requested.find((type) => !isStatementType(type));
  if (refused !== undefined) throw unknownTypeError(refused, field);
  return [...new Set(requested)];
}

/** A unit subquery binding `knownRelationshipTypes`: every relationship type the database has. */
export const knownRelationshipTypesSubquery = `CALL () {
  CALL db.relationshipTypes() YIELD relationshipType
  RETURN collect(relationshipType) AS knownRelationshipTypes
}`;

export function checkKnownRelationshipTypes(
  requested: readonly string[] | null,
  known: unknown,
  field = 'rels',
): void {
  if (requested === null) return;
  const types = new Set(Array.isArray(known) ? known.map(String) : []);
  const unknown = requested.find((type) => !types.has(type));
  if (unknown !== undefined) throw unknownTypeError(unknown, field);
}

/**
 * The statement types of the database as a pattern's type list (`:A|B|…`), remembered per driver.
 * Naming the types instead of `:!MENTIONED_IN` lets Neo4j read only the link groups of a dense
 * node: a hub has about twice as many mentions as links, and a negated type is checked one
 * relationship at a time, so every walk through a hub (neighbourhoods, paths) read its mentions too.
 * A query that uses the list also returns the database's types (knownRelationshipTypesSubquery);
 * `statementTypesChanged` tells when a type was added since (a dataset loaded by another process),
 * and the caller forgets the list and asks again.
 */
const rememberedStatementTypes = new WeakMap<Driver, readonly string[]>();

export async function statementTypes(driver: Driver): Promise<readonly string[]> {
  let types = rememberedStatementTypes.get(driver);
  if (types === undefined) {
    types = await entityRelationshipTypes(driver);
    rememberedStatementTypes.set(driver, types);
  }
  return types;
}

/** True (and the remembered list forgotten) when the database has a statement type `used` lacks. */
export function statementTypesChanged(driver: Driver, used: readonly string[], known: unknown): boolean {
  const names = Array.isArray(known) ? known.map(String) : [];
  const changed = names.some((type) => isStatementType(type) && !used.includes(type));
  if (changed) rememberedStatementTypes.delete(driver);
  return changed;
}

/**
 * The type part of a relationship pattern (`:A|B`, or every type but mentions). Types must come
 * from checkedRelationshipTypes; they are identifiers, which Cypher cannot take as parameters.
 */
export function relationshipTypeExpression(types: readonly string[] | null): string {
  if (types === null || types.length === 0) return `:${STATEMENT_TYPES}`;
  for (const type of types) {
    if (!isStatementType(type)) throw new Error(`unchecked relationship type ${type}`);
  }
  return `:${types.join('|')}`;
}
