import { notFound } from '../errors.js';
import type { Driver } from 'neo4j-driver';
import type { EntityKind } from '../../../contract/common.js';
import type { SourceMentionT, SourceResponseT } from '../../../contract/sources.js';
import { toNumber } from '../db/mapping.js';
import { MENTIONED_IN } from '../../../model/index.js';

export interface SourceSummary {
  id: string;
  title: string;
  publisher: string | null;
  date: string | null;
  url: string | null;
  note: string | null;
  contentHash: string;
  length: number;
}

// The text itself is left out of the list: it is the one large property, and only the reader needs it.
const summaryProjection = `source {.id, .title, .publisher, .date, .url, .note, .contentHash, .length}`;

function toSummary(value: Record<string, unknown>): SourceSummary {
  const text = (key: string): string | null => (typeof value[key] === 'string' ? value[key] : null);
  return {
    id: String(value.id),
    title: text('title') ?? String(value.id),
    publisher: text('publisher'),
    date: text('date'),
    url: text('url'),
    note: text('note'),
    contentHash: String(value.contentHash),
    length: toNumber(value.length),
  };
}

export async function listSources(driver: Driver): Promise<SourceSummary[]> {
  const { records } = await driver.executeQuery(
    `MATCH (source:Source) RETURN ${summaryProjection} AS source ORDER BY source.title, source.id`,
    {},
    { routing: 'READ' },
  );
  return records.map((record) => toSummary(record.get('source') as Record<string, unknown>));
}

const sourceQuery = `
MATCH (source:Source {id: $id})
CALL (source) {
  MATCH (entity:Entity)-[mention:${MENTIONED_IN}]->(source)
  WITH entity, mention ORDER BY mention.start, mention.end, entity.id
  RETURN collect({entityId: entity.id, name: entity.name, kind: entity.kind, start: mention.start,
    end: mention.end, text: mention.text, curated: coalesce(mention.curated, false)}) AS mentions
}
RETURN ${summaryProjection} AS summary, source.text AS text, mentions`;

export async function readSource(driver: Driver, id: string): Promise<SourceResponseT> {
  const { records } = await driver.executeQuery(sourceQuery, { id }, { routing: 'READ' });
  const record = records[0];
  if (!record) throw notFound(`No source has the id '${id}'.`);
  const mentions = (record.get('mentions') as Record<string, unknown>[]).map((mention): SourceMentionT => ({
    entityId: String(mention.entityId),
    name: String(mention.name),
    kind: mention.kind as EntityKind,
    start: toNumber(mention.start),
    end: toNumber(mention.end),
    text: String(mention.text),
    curated: mention.curated === true,
  }));
  return {
    source: {
      ...toSummary(record.get('summary') as Record<string, unknown>),
      text: String(record.get('text')),
    },
    mentions,
  };
}
