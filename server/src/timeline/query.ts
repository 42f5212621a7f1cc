import type { Driver } from 'neo4j-driver';
import type { TimelineItemT } from '../../../contract/timeline.js';
import {
  edgeFromProjection,
  edgeProjection,
  nodeProjection,
  toGraphNode,
  type NodeLike,
} from '../graph/payload.js';
import { STATEMENT_TYPES } from '../../../model/index.js';

// Events by label (the token lookup index), dated links by one pass over the links: dates have
// no index, and an Event without a date has no place on a timeline.
const timelineQuery = `
MATCH (event:Entity:Event) WHERE event.dateStart IS NOT NULL
RETURN ${nodeProjection('event')} AS event, null AS edge, null AS sourceName, null AS targetName
UNION ALL
MATCH (a:Entity)-[r:${STATEMENT_TYPES}]->(b:Entity) WHERE r.dateStart IS NOT NULL
RETURN null AS event, ${edgeProjection('r')} AS edge, a.name AS sourceName, b.name AS targetName`;

/** "APPOINTED_TO" → "appointed to", for a label that reads as a sentence. */
function verb(type: string): string {
  return type.toLowerCase().replaceAll('_', ' ');
}

const itemTypeOrder = { entity: 0, edge: 1 } as const;

/**
 * Oldest first. Dates are ISO-8601 prefixes, so text order is date order and a year ("2014") comes
 * before the months and days inside it; a shorter span comes before a longer one that starts with it.
 */
function byDate(a: TimelineItemT, b: TimelineItemT): number {
  const compare = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  return (
    compare(a.date.start, b.date.start) ||
    compare(a.date.end ?? a.date.start, b.date.end ?? b.date.start) ||
    itemTypeOrder[a.itemType] - itemTypeOrder[b.itemType] ||
    compare(a.label, b.label) ||
    compare(a.id, b.id)
  );
}

export async function readTimeline(driver: Driver): Promise<TimelineItemT[]> {
  const { records } = await driver.executeQuery(timelineQuery, {}, { routing: 'READ' });
  const items: TimelineItemT[] = [];
  for (const record of records) {
    const event = record.get('event') as NodeLike | null;
    if (event) {
      const node = toGraphNode(event);
      if (!node.date) continue;
      items.push({
        id: node.id,
        itemType: 'entity',
        label: node.name,
        kind: node.kind,
        date: node.date,
        entityIds: [node.id],
        description: node.description,
      });
      continue;
    }
    const edge = edgeFromProjection(record.get('edge'));
    if (!edge.date) continue;
    items.push({
      id: edge.id,
      itemType: 'edge',
      label: `${String(record.get('sourceName'))} ${verb(edge.type)} ${String(record.get('targetName'))}`,
      kind: edge.type,
      date: edge.date,
      entityIds: [edge.source, edge.target],
      description: edge.description,
    });
  }
  return items.sort(byDate);
}
