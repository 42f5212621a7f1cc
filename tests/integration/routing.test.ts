import { inject } from 'vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { createDriver } from '../../server/src/db/driver.js';
import { readHealth } from '../../server/src/health/query.js';

// Clusters and Aura are reached with neo4j:// (routing) URIs. A single server answers the routing
// request with itself, so the same code path is exercised here against the test database.
describe('a neo4j:// routing URI', () => {
  const boltUri = inject('neo4jUri');
  const routingUri = boltUri.replace(/^bolt(\+s|\+ssc)?:/, 'neo4j$1:');
  const driver = createDriver({
    uri: routingUri,
    user: inject('neo4jUser'),
    password: inject('neo4jPassword'),
  });
  afterAll(() => driver.close());

  it('routes reads and writes through the routing table', async () => {
    expect(routingUri.startsWith('neo4j')).toBe(true);
    const health = await readHealth(driver);
    expect(health.neo4j.connected).toBe(true);

    const session = driver.session();
    try {
      const written = await session.executeWrite((tx) =>
        tx.run('CREATE (p:RoutingProbe {at: timestamp()}) RETURN p.at AS at'),
      );
      const at = written.records[0]!.get('at');
      const read = await session.executeRead((tx) =>
        tx.run('MATCH (p:RoutingProbe {at: $at}) RETURN count(p) AS n', { at }),
      );
      expect(Number(read.records[0]!.get('n'))).toBe(1);
    } finally {
      await session.executeWrite((tx) => tx.run('MATCH (p:RoutingProbe) DELETE p'));
      await session.close();
    }
  });
});
