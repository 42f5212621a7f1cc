// Planning mentions: automatic and curated, created only when new. Part of the loader (seed/src/load.ts).
import { type ManagedTransaction } from 'neo4j-driver';
import type { Mention } from '../mentions.js';
import { MENTIONED_IN } from '../../../model/index.js';
import { plain } from './values.js';
import { type Plan } from './sources.js';

export const mentionKey = (m: { entity: string; source: string; start: number; end: number }): string =>
  `${m.entity}\u0000${m.source}\u0000${m.start}\u0000${m.end}`;

/**
 * `storedSources`: the sources that existed before this load; only they can have mentions already
 * (a mention needs its source, and mentions of this load's earlier transactions are its own).
 */
export async function planMentions(
  tx: ManagedTransaction,
  mentions: readonly Mention[],
  storedSources: ReadonlySet<string>,
): Promise<Plan<Mention>> {
  const ids = [...new Set(mentions.map((m) => m.source))].filter((id) => storedSources.has(id));
  const records =
    ids.length === 0
      ? []
      : (
          await tx.run(
            `MATCH (e:Entity)-[m:${MENTIONED_IN}]->(s:Source) WHERE s.id IN $ids
             RETURN e.id AS entity, s.id AS source, m.start AS start, m.end AS end, m.text AS text, m.curated AS curated`,
            { ids },
          )
        ).records;
  const existing = new Map(
    records.map((r) => {
      const m = {
        entity: r.get('entity') as string,
        source: r.get('source') as string,
        start: Number(plain(r.get('start'))),
        end: Number(plain(r.get('end'))),
      };
      return [mentionKey(m), { text: r.get('text') as unknown, curated: r.get('curated') as unknown }];
    }),
  );
  const plan: Plan<Mention> = { created: [], updated: [], unchanged: 0, previous: [] };
  const planned = new Set<string>();
  for (const mention of mentions) {
    const key = mentionKey(mention);
    const current = existing.get(key);
    // Mentions never overlap, so a key repeats only if the input repeats one: write it once.
    if (planned.has(key)) plan.unchanged += 1;
    else if (!current) plan.created.push(mention);
    else if (current.text !== mention.text || current.curated !== mention.curated) {
      plan.updated.push(mention);
      plan.previous.push({ ...mention, text: String(current.text), curated: current.curated === true });
    } else plan.unchanged += 1;
    planned.add(key);
  }
  return plan;
}
