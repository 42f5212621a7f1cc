// The mixed workload the load and overload suites send to the article's app: search, an entity,
// neighbours at depth 2, paths and the console, in the proportions a reader's session has them.
export interface WorkloadRequest {
  method: 'GET' | 'POST';
  path: string;
  /** A JSON body (sent with content-type application/json). */
  body?: string;
}

export const articleWorkload: readonly WorkloadRequest[] = [
  { method: 'GET', path: '/api/search?q=xi' },
  { method: 'GET', path: '/api/entities/chen-quanguo' },
  { method: 'GET', path: '/api/entities/xi-jinping/neighbors?depth=2' },
  { method: 'GET', path: '/api/search?q=uighur&limit=20' },
  { method: 'GET', path: '/api/paths?from=xi-jinping&to=chen-quanguo&maxHops=4&k=3' },
  {
    method: 'POST',
    path: '/api/cypher',
    body: JSON.stringify({
      query:
        'MATCH (p:Person)-[r]-(o:Entity) RETURN p.name AS person, type(r) AS link, o.name AS other LIMIT 25',
    }),
  },
];
