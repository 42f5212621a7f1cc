import neo4j from 'neo4j-driver';

/**
 * Queries the console has just explained and found fit to run, with nothing to tell the user: the
 * same text with parameters of the same kinds is not explained again for `ttlMs`. An EXPLAIN is a
 * round trip of its own before every query, as long as the query itself when the query is small
 * (the console's typical `MATCH … LIMIT 25` run again with another id). What the check looks at is
 * in the text alone (writes, procedures by name, LOAD CSV, administration commands, the system
 * database), and Neo4j plans the same text the same way; only notifications can depend on the
 * database (an unknown label), so a query with any is explained every time.
 */
export class RecentlyExplained {
  private readonly entries = new Map<string, { queryType: string; until: number }>();

  constructor(
    private readonly ttlMs = 30_000,
    private readonly max = 200,
  ) {}

  /** The query type of a query explained within `ttlMs` with these kinds of parameters, or null. */
  get(query: string, params: Record<string, unknown>, now = Date.now()): string | null {
    const key = cacheKey(query, params);
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.until < now) {
      this.entries.delete(key);
      return null;
    }
    return entry.queryType;
  }

  remember(query: string, params: Record<string, unknown>, queryType: string, now = Date.now()): void {
    const key = cacheKey(query, params);
    this.entries.delete(key);
    this.entries.set(key, { queryType, until: now + this.ttlMs });
    // The oldest first in a Map's order: the one to forget.
    while (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}

function kind(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (neo4j.isInt(value)) return 'int';
  if (Array.isArray(value)) return 'list';
  return typeof value === 'object' ? 'map' : typeof value;
}

/** The text, and each parameter's name with the kind of its value (not the value itself). */
function cacheKey(query: string, params: Record<string, unknown>): string {
  const kinds = Object.keys(params)
    .sort()
    .map((name) => `${name}:${kind(params[name])}`);
  return `${kinds.join(',')}\u0000${query}`;
}
