// Planning sources: what to create, update or leave. Part of the loader (seed/src/load.ts).
import { type ManagedTransaction } from 'neo4j-driver';
import { type CompiledSource } from '../read.js';
import { LoadConflictError } from './options.js';
import { type Props, changes } from './values.js';

export interface Plan<Row> {
  created: Row[];
  updated: Row[];
  unchanged: number;
  /** What `updated` rows held before, so that a batched load can put it back after a failure. */
  previous: Row[];
}

export function sourceProps(source: CompiledSource): Props {
  return {
    id: source.id,
    title: source.title,
    publisher: source.publisher,
    note: source.note ?? null,
    date: source.date?.start ?? null,
    datePrecision: source.date?.precision ?? null,
    url: source.url ?? null,
    text: source.text,
    contentHash: source.contentHash,
    length: source.text.length,
    // The spans kept out of automatic mentions, stored so that an export can write them back out
    // (parallel lists, as for claims); absent when there are none.
    ...excludedSpanProps(source.excludeFromMentions),
  };
}

export function excludedSpanProps(spans: CompiledSource['excludeFromMentions']): Props {
  if (spans.length === 0) return { excludedStart: null, excludedEnd: null, excludedReason: null };
  return {
    excludedStart: spans.map((span) => span.start),
    excludedEnd: spans.map((span) => span.end),
    excludedReason: spans.map((span) => span.reason),
  };
}

export interface SourceRow {
  id: string;
  props: Props;
}

export async function planSources(
  tx: ManagedTransaction,
  sources: readonly CompiledSource[],
): Promise<Plan<SourceRow>> {
  const result = await tx.run(
    'MATCH (s:Source) WHERE s.id IN $ids RETURN s.id AS id, properties(s) AS props',
    {
      ids: sources.map((s) => s.id),
    },
  );
  const existing = new Map(result.records.map((r) => [r.get('id') as string, r.get('props') as Props]));
  const plan: Plan<SourceRow> = { created: [], updated: [], unchanged: 0, previous: [] };
  for (const source of sources) {
    const props = sourceProps(source);
    const current = existing.get(source.id);
    if (!current) plan.created.push({ id: source.id, props });
    else if (current.contentHash !== source.contentHash) {
      // Every offset into the old text would point at the wrong characters.
      throw new LoadConflictError(
        `Source "${source.id}" is already loaded with content ${String(current.contentHash)}, not ${source.contentHash}; a changed text needs a new source id`,
      );
    } else if (changes(current, props)) {
      plan.updated.push({ id: source.id, props });
      plan.previous.push({ id: source.id, props: current });
    } else plan.unchanged += 1;
  }
  return plan;
}
