import type { Driver } from 'neo4j-driver';
import type { GraphEdgeT } from '../../../contract/graph.js';
import { notFound } from '../errors.js';
import { edgeFromProjection, edgeProjection } from '../graph/payload.js';
import { STATEMENT_TYPES } from '../../../model/index.js';
import { survivingId } from './query.js';

/**
 * One link of an entity with all its claims: what the page asks for when a person opens a link that
 * came as a summary. Found from the entity (the link's id alone has no index across types), so an
 * id that is a link of another entity, or a mention, is not found here.
 */
const linkQuery = `
MATCH (entity:Entity {id: $id})
OPTIONAL MATCH (entity)-[r:${STATEMENT_TYPES}]-(:Entity)
WHERE r.id = $linkId
WITH r LIMIT 1
RETURN r IS NOT NULL AS found, CASE WHEN r IS NOT NULL THEN ${edgeProjection('r')} END AS link`;

export async function readLink(driver: Driver, id: string, linkId: string): Promise<GraphEdgeT> {
  let { records } = await driver.executeQuery(linkQuery, { id, linkId }, { routing: 'READ' });
  if (records.length === 0) {
    const survivor = await survivingId(driver, id);
    if (survivor)
      ({ records } = await driver.executeQuery(linkQuery, { id: survivor, linkId }, { routing: 'READ' }));
  }
  const record = records[0];
  if (!record) throw notFound(`No entity has the id '${id}'.`);
  if (record.get('found') !== true) throw notFound(`The entity '${id}' has no link with the id '${linkId}'.`);
  return edgeFromProjection(record.get('link'));
}
