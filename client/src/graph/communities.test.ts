import { describe, expect, it } from 'vitest';
import { findCommunities } from './communities.js';

/** Cliques of the given sizes, one after another; with `bridges`, one link from each to the next. */
function cliques(sizes: number[], bridges = true): { count: number; edges: Int32Array } {
  const pairs: number[] = [];
  let start = 0;
  for (const [c, size] of sizes.entries()) {
    for (let i = 0; i < size; i += 1) for (let j = i + 1; j < size; j += 1) pairs.push(start + i, start + j);
    if (bridges && c > 0) pairs.push(start - 1, start);
    start += size;
  }
  return { count: start, edges: Int32Array.from(pairs) };
}

const members = (found: Int32Array, from: number, to: number) =>
  new Set(Array.from(found.subarray(from, to)));

describe('communities of a large graph (Louvain, seeded)', () => {
  it('finds tightly linked clusters, numbered from the largest', () => {
    const { count, edges } = cliques([6, 10, 8]);
    const found = findCommunities(count, edges, 7);
    expect(members(found, 6, 16)).toEqual(new Set([0]));
    expect(members(found, 16, 24)).toEqual(new Set([1]));
    expect(members(found, 0, 6)).toEqual(new Set([2]));
  });

  it('gives the same answer for the same graph and seed', () => {
    const { count, edges } = cliques([7, 7, 7, 7, 7]);
    expect(Array.from(findCommunities(count, edges, 3))).toEqual(
      Array.from(findCommunities(count, edges, 3)),
    );
  });

  it('puts a node without links in a community of its own, and reads parallel links and self-loops as nothing new', () => {
    const { edges } = cliques([5, 5], false);
    const found = findCommunities(11, Int32Array.from([...edges, 0, 1, 0, 1, 5, 5]), 1);
    // Equal sizes: the one whose first node comes first is numbered first.
    expect(members(found, 0, 5)).toEqual(new Set([0]));
    expect(members(found, 5, 10)).toEqual(new Set([1]));
    expect(found[10]).toBe(2);
  });
});
