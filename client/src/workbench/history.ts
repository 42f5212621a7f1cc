/** Queries run in the console, most recent first, kept in this browser only. */
export interface HistoryEntry {
  query: string;
  params: string;
  at: number;
}

const KEY = 'trove.cypher.history';
export const HISTORY_LIMIT = 30;

export function readHistory(storage: Pick<Storage, 'getItem'> = localStorage): HistoryEntry[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (entry): entry is HistoryEntry =>
        !!entry &&
        typeof entry === 'object' &&
        typeof (entry as HistoryEntry).query === 'string' &&
        typeof (entry as HistoryEntry).params === 'string' &&
        typeof (entry as HistoryEntry).at === 'number',
    );
  } catch {
    // A damaged entry (edited by hand, another version) must not break the console.
    return [];
  }
}

/** Puts a run on top; running the same query and parameters again moves it up instead of repeating it. */
export function addToHistory(
  entry: HistoryEntry,
  storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage,
): HistoryEntry[] {
  const next = [
    entry,
    ...readHistory(storage).filter((e) => e.query !== entry.query || e.params !== entry.params),
  ].slice(0, HISTORY_LIMIT);
  try {
    storage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Storage full or disabled: the history is a convenience, the run still counts.
  }
  return next;
}
