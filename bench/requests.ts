// The request mix every API measurement uses (bench/run.ts and bench/kept-store.ts), so that a
// query change measured on a kept store is measured on the requests the bench sends.
import { seededRandom } from '../seed/src/random.js';
import type { BenchRequest } from './api.js';

/** Seeded picks of entities, in this order: ids first, then the names typed into search. */
export function requestMix(
  entities: readonly { id: string; name: string }[],
  count: number,
): Record<string, BenchRequest[]> {
  const random = seededRandom(7);
  const any = () => entities[Math.floor(random() * entities.length)] ?? entities[0];
  const ids = Array.from({ length: count }, () => any()?.id ?? '');
  const get = (path: string): BenchRequest => ({ method: 'GET', path });
  return {
    search: Array.from({ length: count }, () => {
      const name = any()?.name ?? '';
      // A prefix of a name, as typed into the search box.
      return get(`/api/search?q=${encodeURIComponent(name.slice(0, Math.max(4, name.length - 3)))}`);
    }),
    entity: ids.map((id) => get(`/api/entities/${id}`)),
    'neighbours d1': ids.map((id) => get(`/api/entities/${id}/neighbors?depth=1&limit=200`)),
    'neighbours d2': ids.map((id) => get(`/api/entities/${id}/neighbors?depth=2&limit=200`)),
    'paths ≤6 hops': ids.map((id, i) =>
      get(`/api/paths?from=${id}&to=${ids[(i + 1) % ids.length]}&maxHops=6`),
    ),
    'graph (filtered)': ['2014', '2016', '2018'].map((year) =>
      get(`/api/graph?types=Facility,Group&rels=DETAINED_IN&from=${year}&to=${year}`),
    ),
    console: ids.map((id) => ({
      method: 'POST',
      path: '/api/cypher',
      body: JSON.stringify({
        query: 'MATCH (e:Entity {id: $id})-[r]-(n:Entity) RETURN n.name AS name, type(r) AS type LIMIT 25',
        params: { id },
      }),
    })),
  };
}
