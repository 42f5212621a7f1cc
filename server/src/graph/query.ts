import { invalid } from '../errors.js';
import neo4j, { type Driver } from 'neo4j-driver';
import type { GraphPayloadT } from '../../../contract/graph.js';
import type { GraphFiltersT } from '../../../contract/subgraph.js';
import {
  asserterIdsExpression,
  edgeProjection,
  nodeProjection,
  toGraphNode,
  uniqueEdges,
  type NodeLike,
} from './payload.js';
import {
  checkKnownRelationshipTypes,
  knownRelationshipTypesSubquery,
  relationshipTypeExpression,
  requestedRelationshipTypes,
} from './relationship-types.js';

/**
 * Dates are ISO-8601 prefixes whose length is their precision (2014, 2016-08, 2019-11-24). Two of
 * them compare correctly as text once both are cut to the shorter length, which is what makes a
 * year cover the whole year: an item dated 2017–2018 ends on or after from=2018-06, because
 * "2018" >= "2018". These fragments compare the item bound to `variable` with $from and $to.
 */
function endsOnOrAfterFrom(variable: string): string {
  const end = `coalesce(${variable}.dateEnd, ${variable}.dateStart)`;
  return `left(${end}, size($from)) >= left($from, size(${end}))`;
}

function startsOnOrBeforeTo(variable: string): string {
  const start = `${variable}.dateStart`;
  return `left(${start}, size($to)) <= left($to, size(${start}))`;
}

function dateOverlap(variable: string, filters: GraphFiltersT): string[] {
  const conditions: string[] = [];
  if (filters.from !== undefined) conditions.push(endsOnOrAfterFrom(variable));
  if (filters.to !== undefined) conditions.push(startsOnOrBeforeTo(variable));
  return conditions;
}

function given<T>(list: readonly T[] | undefined): list is readonly T[] {
  return list !== undefined && list.length > 0;
}

/**
 * Which entities pass: of the chosen kinds, and, when a date range is given, undated or dated within
 * it (a dated event outside the range is left out, with its links).
 */
function nodeConditions(variable: string, filters: GraphFiltersT, datedOnly = false): string[] {
  const conditions: string[] = [];
  if (given(filters.types)) conditions.push(`${variable}.kind IN $kinds`);
  const overlap = dateOverlap(variable, filters);
  if (datedOnly) conditions.push(`${variable}.dateStart IS NOT NULL`, ...overlap);
  else if (overlap.length > 0) {
    conditions.push(`(${variable}.dateStart IS NULL OR (${overlap.join(' AND ')}))`);
  }
  return conditions;
}

/**
 * Which links pass: stance (unattributed links are the source's own report), asserter, contest,
 * number of sources, date.
 */
function edgeConditions(variable: string, filters: GraphFiltersT): string[] {
  const conditions: string[] = [];
  if (given(filters.stance)) conditions.push(`coalesce(${variable}.stance, 'reported') IN $stances`);
  if (given(filters.by)) {
    conditions.push(`any(asserter_id IN ${asserterIdsExpression(variable)} WHERE asserter_id IN $by)`);
  }
  // Derived from the claims by the seed (model/claims.ts); read as stored.
  if (filters.contested !== undefined) conditions.push(`coalesce(${variable}.contested, false) = $contested`);
  if (filters.minSources !== undefined)
    conditions.push(`coalesce(${variable}.sourceCount, 1) >= $minSources`);
  const overlap = dateOverlap(variable, filters);
  if (overlap.length > 0) conditions.push(`${variable}.dateStart IS NOT NULL`, ...overlap);
  // The same upper bound as a range the type's date index can seek (seed/src/schema.ts): every
  // start that passes startsOnOrBeforeTo sorts before $to followed by the highest character.
  if (filters.to !== undefined) conditions.push(`${variable}.dateStart <= $toBound`);
  return conditions;
}

function where(conditions: readonly string[]): string {
  return conditions.length > 0 ? `WHERE ${conditions.join('\n    AND ')}` : '';
}

/**
 * The query text depends only on which filters are present (every value is a parameter), so the
 * kind filter can use the `entity_kind` index and the type filter a relationship type scan.
 */
function graphQuery(filters: GraphFiltersT, types: string, checkTypes: boolean): string {
  const hasDate = filters.from !== undefined || filters.to !== undefined;
  const linkFiltered =
    given(filters.rels) ||
    given(filters.stance) ||
    given(filters.by) ||
    filters.contested !== undefined ||
    filters.minSources !== undefined ||
    hasDate;
  const edgeWhere = where([
    ...edgeConditions('r', filters),
    ...nodeConditions('a', filters),
    ...nodeConditions('b', filters),
  ]);
  // Without link filters every entity that passes is shown, linked or not. With them the graph is
  // the links that pass and their ends, plus, for a date range, the dated entities inside it.
  const nodeWhere = linkFiltered
    ? hasDate
      ? where(nodeConditions('n', filters, true))
      : null
    : where(nodeConditions('n', filters));
  const standalone =
    nodeWhere === null
      ? 'RETURN [] AS standalone'
      : `MATCH (n:Entity)
  ${nodeWhere}
  RETURN collect(n) AS standalone`;
  // Each end once (an entity with a hundred links is sent once, not a hundred times), and with a
  // type filter the database's types in the same round trip (checkKnownRelationshipTypes).
  // With named types and a start date, the links are read from the types' date indexes
  // (seed/src/schema.ts) in two ranges: those that start in the range, and those that start before
  // it and end in or after it. Every link that ends on or after $from has its end (or start, when
  // it has no end) at or after $fromYear (the prefix comparison implies it), so the two ranges hold
  // them all; the exact conditions still follow. Without it, the index served the upper bound only
  // and a recent year read every dated link of the type.
  const links =
    checkTypes && filters.from !== undefined
      ? `CALL () {
    MATCH (a:Entity)-[r${types}]->(b:Entity)
    WHERE r.dateStart >= $fromYear${filters.to !== undefined ? ' AND r.dateStart <= $toBound' : ''}
    RETURN a, r, b
    UNION ALL
    MATCH (a:Entity)-[r${types}]->(b:Entity)
    WHERE r.dateEnd >= $fromYear AND r.dateStart < $fromYear
    RETURN a, r, b
  }
  WITH a, r, b`
      : `MATCH (a:Entity)-[r${types}]->(b:Entity)`;
  return `
${checkTypes ? knownRelationshipTypesSubquery : 'WITH null AS knownRelationshipTypes'}
CALL () {
  ${links}
  ${edgeWhere}
  WITH r, a, b ORDER BY type(r), r.id
  RETURN collect(${edgeProjection('r')}) AS edges, collect(DISTINCT a) + collect(DISTINCT b) AS ends
}
CALL () {
  ${standalone}
}
RETURN knownRelationshipTypes, edges, [node IN ends + standalone | ${nodeProjection('node')}] AS nodes`;
}

/** The whole graph or the part that passes the filters (shared by GET /graph and the exports). */
export async function readGraph(driver: Driver, filters: GraphFiltersT): Promise<GraphPayloadT> {
  if (filters.from !== undefined && filters.to !== undefined) {
    const length = Math.min(filters.from.length, filters.to.length);
    if (filters.to.slice(0, length) < filters.from.slice(0, length)) {
      throw invalid(`to: '${filters.to}' is before from '${filters.from}'`, 'to');
    }
  }
  const requested = requestedRelationshipTypes(filters.rels);
  const { records } = await driver.executeQuery(
    graphQuery(filters, relationshipTypeExpression(requested), requested !== null),
    {
      kinds: filters.types ?? null,
      stances: filters.stance ?? null,
      by: filters.by ?? null,
      contested: filters.contested ?? null,
      minSources: filters.minSources === undefined ? null : neo4j.int(filters.minSources),
      from: filters.from ?? null,
      to: filters.to ?? null,
      toBound: filters.to === undefined ? null : `${filters.to}\uffff`,
      fromYear: filters.from === undefined ? null : filters.from.slice(0, 4),
    },
    { routing: 'READ' },
  );
  const record = records[0];
  if (!record) throw new Error('the graph query returned no row');
  checkKnownRelationshipTypes(requested, record.get('knownRelationshipTypes'));
  const nodes = new Map(
    (record.get('nodes') as NodeLike[]).map((node) => {
      const graphNode = toGraphNode(node);
      return [graphNode.id, graphNode];
    }),
  );
  return {
    nodes: [...nodes.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    edges: uniqueEdges(record.get('edges') as unknown[]),
  };
}
