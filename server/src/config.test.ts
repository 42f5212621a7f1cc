import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('gives defaults that work on a fresh machine', () => {
    const config = loadConfig({});
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(8080);
    expect(config.neo4j.uri).toBeUndefined();
    expect(config.neo4j.embedded.dataDir).toBe('.data/neo4j');
    expect(config.query).toEqual({ timeoutMs: 5000, rowCap: 1000, resultMaxBytes: 16_000_000 });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ NEO4J_URI: '', PORT: '' }).neo4j.uri).toBeUndefined();
  });

  it('names every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', NEO4J_HEAP_MB: '1' })).toThrow(
      /PORT: must be a whole number from 0 to 65535, got 'eighty'[\s\S]*NEO4J_HEAP_MB/,
    );
  });
});
