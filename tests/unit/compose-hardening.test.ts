import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

type Services = Record<string, { environment?: Record<string, string> }>;

// The compose file's Neo4j is the official image, whose defaults are not the embedded Neo4j's.
describe('docker-compose.yml hardening', () => {
  const { services } = parse(readFileSync('docker-compose.yml', 'utf8')) as { services: Services };

  it('keeps LOAD CSV from reading the database server’s files, as the embedded Neo4j does', () => {
    expect(services.neo4j?.environment?.NEO4J_dbms_security_allow__csv__import__from__file__urls).toBe(
      'false',
    );
  });

  it('passes ALLOWED_HOSTS to the app, which listens beyond loopback', () => {
    expect(services.app?.environment?.HOST).toBe('0.0.0.0');
    expect(services.app?.environment).toHaveProperty('ALLOWED_HOSTS');
  });
});
