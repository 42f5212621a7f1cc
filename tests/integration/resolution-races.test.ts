// A merge racing an import's publish on the same link, many times over: neither may lose what the
// other wrote. The test holds the link's write lock while both requests start, so that each of them
// reaches the link before either commits (the interleaving that lost a claim: the publish read the
// link's claims, the merge combined the duplicate's claims into it and committed, and the publish
// wrote back its stale list), then lets them go.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { loadDataset } from '../../seed/src/index.js';
import type { RunningServer } from '../../server/src/server.js';
import { getJson, startTestApp } from '../support/app.js';
import { getDriver, resetToArticle } from '../support/neo4j.js';
import { allClaims, DUPLICATES_SOURCE, writeDuplicatesDataset } from '../support/resolution.js';

/** The article's link that the merge combines Mr. Xi's into, and that each import adds a claim to. */
const LINK = 'xi-jinping-gave-speech-xi-2014-speech';
const ROUNDS = 3;

async function blockedTransactions(driver: Driver): Promise<number> {
  const session = driver.session();
  try {
    const result = await session.run(
      "SHOW TRANSACTIONS YIELD status WHERE status STARTS WITH 'Blocked' RETURN count(*) AS n",
    );
    return Number(result.records[0]?.get('n'));
  } finally {
    await session.close();
  }
}

describe('a merge racing an import publish', () => {
  let app: RunningServer;
  const post = (path: string, body?: unknown) =>
    getJson<Record<string, unknown>>(`${app.url}/api${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    await resetToArticle();
    app = await startTestApp({ OVERLOAD_MAX_IN_FLIGHT: '0' });
    await loadDataset(getDriver(), await writeDuplicatesDataset(getDriver()));
  });
  afterAll(async () => {
    await app.close(1_000);
    await resetToArticle();
  });

  it('keeps every claim of both, round after round', async () => {
    const driver = getDriver();
    for (let round = 1; round <= ROUNDS; round += 1) {
      const before = await allClaims(driver);
      const quote = `Xi Jinping gave a speech to officials in 2014, report ${round} says.`;
      const text = `Report ${round} on the speeches.\n${quote}\n`;
      const created = await post('/imports', { title: `Race report ${round}`, publisher: 'Race desk', text });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const id = String(created.body.id);
      const start = text.indexOf(quote);
      const claim = await post(`/imports/${id}/claims`, {
        from: 'xi-jinping',
        to: 'xi-2014-speech',
        type: 'GAVE_SPEECH',
        start,
        end: start + quote.length,
        quote,
      });
      expect(claim.status, JSON.stringify(claim.body)).toBe(201);

      // Hold the link so that both writers reach it before either commits; then let them race.
      const holder = driver.session();
      const hold = await holder.beginTransaction();
      let merge: Promise<{ status: number; body: Record<string, unknown> }>;
      let publish: Promise<{ status: number; body: Record<string, unknown> }>;
      try {
        await hold.run('MATCH ()-[r:GAVE_SPEECH {id: $id}]->() SET r.__race = true', { id: LINK });
        let settled = false;
        merge = post('/resolution/merge', { survivor: 'xi-jinping', merged: 'mr-xi' });
        publish = post(`/imports/${id}/publish`);
        void Promise.race([merge, publish]).finally(() => (settled = true));
        // Both wait: on the link (held here) or on the lock of the one that waits on it.
        const deadline = Date.now() + 60_000;
        while (!settled && (await blockedTransactions(driver)) < 2 && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 100));
      } finally {
        await hold.rollback();
        await holder.close();
      }
      const [merged, published] = await Promise.all([merge, publish]);
      expect(merged.status, JSON.stringify(merged.body)).toBe(200);
      expect(published.status, JSON.stringify(published.body)).toBe(200);

      const after = await allClaims(driver);
      const missing = before.filter((c) => !after.includes(c));
      expect(missing, `round ${round}: claims lost`).toEqual([]);
      expect(
        after.filter((c) => c.startsWith(`${id}|`)),
        `round ${round}: the import's claim`,
      ).toHaveLength(1);
      // The note's claim, combined into the link by the merge, is on it (not only somewhere).
      const { records } = await driver.executeQuery(
        'MATCH ()-[r:GAVE_SPEECH {id: $id}]->() RETURN r.evidenceSource AS sources',
        { id: LINK },
      );
      const sources = records[0]?.get('sources') as string[];
      expect(sources, `round ${round}`).toEqual(expect.arrayContaining([DUPLICATES_SOURCE, id]));
      const survivor = await getJson<{ entity: { aliases: string[] } }>(`${app.url}/api/entities/xi-jinping`);
      expect(survivor.body.entity.aliases, `round ${round}`).toContain('Mr. Xi');

      // Back to two entities for the next round; the split leaves the import's claim where it is.
      const split = await post('/resolution/split', { merged: 'mr-xi' });
      expect(split.status, JSON.stringify(split.body)).toBe(200);
    }
  }, 300_000);
});
