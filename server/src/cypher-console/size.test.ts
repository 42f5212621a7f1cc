import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { toPlain } from '../db/mapping.js';
import { approximateJsonSize } from './size.js';

const unlimited = Number.MAX_SAFE_INTEGER;

describe('approximateJsonSize', () => {
  it('is within a factor of two of the JSON the console would send', () => {
    const node = new neo4j.types.Node(neo4j.int(1), ['Entity', 'Person'], {
      id: 'chen-quanguo',
      name: 'Chen Quanguo',
      aliases: ['陈全国'],
    });
    const values = [
      [neo4j.int(42), 'Xinjiang', null, true, 3.5],
      [node, { nested: [1, 2, { deeper: 'text'.repeat(50) }] }],
      [Array.from({ length: 1000 }, (_, i) => neo4j.int(i))],
    ];
    for (const value of values) {
      const json = JSON.stringify(toPlain(value)).length;
      const estimate = approximateJsonSize(value, unlimited);
      expect(estimate).toBeGreaterThan(json / 2);
      expect(estimate).toBeLessThan(json * 2 + 200);
    }
  });

  it('stops counting soon after the limit, however large the value', () => {
    let reads = 0;
    const huge = new Proxy(new Array<number>(5_000_000).fill(1), {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const size = approximateJsonSize([huge], 1_000_000);
    expect(size).toBeGreaterThan(1_000_000);
    // Each element counts at least 5 bytes, so no more than a fifth of the limit is ever read.
    expect(reads).toBeLessThanOrEqual(200_001);

    reads = 0;
    const words = new Proxy(new Array<string>(100_000).fill('x'.repeat(100)), {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    expect(approximateJsonSize(words, 1_000_000)).toBeGreaterThan(1_000_000);
    expect(reads).toBeGreaterThan(1000);
    expect(reads).toBeLessThanOrEqual(200_001);
  });

  it('counts long strings by their length and survives very deep nesting', () => {
    expect(approximateJsonSize('x'.repeat(10_000), unlimited)).toBeGreaterThanOrEqual(10_000);
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(approximateJsonSize(deep, unlimited)).toBeGreaterThan(100_000);
  });
});
