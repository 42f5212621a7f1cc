// Reading the log: the latest changes, for the graph or one entity, newest first.
import type { Driver } from 'neo4j-driver';
import type { HistoryResponseT } from '../../../contract/history.js';
import { LABEL } from '../../../model/index.js';
import { toNumber } from '../db/mapping.js';
import { nextSteps } from './undo.js';

function parsed(text: unknown): unknown {
  if (typeof text !== 'string') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export async function readHistory(
  driver: Driver,
  input: { entity?: string; limit: number },
): Promise<HistoryResponseT> {
  const { records } = await driver.executeQuery(
    `MATCH (c:${LABEL.change}) WHERE $entity IS NULL OR $entity IN c.subjects
     RETURN c {.id, .seq, .at, .op, .author, .summary, .subjects, .before, .after, .undone,
       undoable: c.inverse IS NOT NULL} AS change
     ORDER BY c.seq DESC LIMIT toInteger($limit)`,
    { entity: input.entity ?? null, limit: input.limit },
    { routing: 'READ' },
  );
  const changes = records.map((r) => {
    const c = r.get('change') as Record<string, unknown>;
    return {
      id: String(c.id),
      seq: toNumber(c.seq),
      at: String(c.at),
      op: String(c.op),
      author: String(c.author),
      summary: String(c.summary),
      subjects: Array.isArray(c.subjects) ? c.subjects.map(String) : [],
      before: parsed(c.before),
      after: parsed(c.after),
      undone: c.undone === true,
      undoable: c.undoable === true && c.op !== 'undo',
    };
  });
  return { changes, ...(await nextSteps(driver)) };
}
