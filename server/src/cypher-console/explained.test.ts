import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { RecentlyExplained } from './explained.js';

const query = 'MATCH (e:Entity {id: $id})-[r]-(n:Entity) RETURN n.name AS name LIMIT 25';

describe('queries the console has just explained', () => {
  it('skips the EXPLAIN of the same text with parameters of the same kinds, for a while', () => {
    const recent = new RecentlyExplained(1_000);
    expect(recent.get(query, { id: 'a' }, 0)).toBeNull();
    recent.remember(query, { id: 'a' }, 'r', 0);
    expect(recent.get(query, { id: 'b' }, 500)).toBe('r');
    // Then it is explained again.
    expect(recent.get(query, { id: 'b' }, 1_001)).toBeNull();
  });

  it('explains again when the text or the kind of a parameter differs', () => {
    const recent = new RecentlyExplained();
    recent.remember(query, { id: 'a' }, 'r', 0);
    expect(recent.get(`${query} `, { id: 'a' }, 0)).toBeNull();
    expect(recent.get(query, { id: neo4j.int(1) }, 0)).toBeNull();
    expect(recent.get(query, { id: ['a'] }, 0)).toBeNull();
    expect(recent.get(query, { id: 'a', other: 'b' }, 0)).toBeNull();
  });

  it('keeps no more than its bound, forgetting the oldest', () => {
    const recent = new RecentlyExplained(60_000, 2);
    recent.remember('RETURN 1', {}, 'r', 0);
    recent.remember('RETURN 2', {}, 'r', 0);
    recent.remember('RETURN 3', {}, 'r', 0);
    expect(recent.get('RETURN 1', {}, 0)).toBeNull();
    expect(recent.get('RETURN 3', {}, 0)).toBe('r');
  });
});
