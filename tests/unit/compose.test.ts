import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../server/src/config.js';

interface Service {
  image?: string;
  build?: string;
  environment?: Record<string, string>;
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
}

// No Docker engine runs on CI machines, so the compose file is checked against the app's own
// configuration instead: the variables the app reads, the password both sides share, the port.
describe('docker-compose.yml', () => {
  const compose = parse(readFileSync('docker-compose.yml', 'utf8')) as {
    services: Record<string, Service>;
    volumes: Record<string, unknown>;
  };
  const neo4j = compose.services.neo4j!;
  const app = compose.services.app!;

  it('runs the official Neo4j 5.26 Community image with a healthcheck and a named volume', () => {
    expect(neo4j.image).toBe('neo4j:5.26-community');
    expect(neo4j.healthcheck?.test.join(' ')).toMatch(/wget|cypher-shell/);
    const [volume] = neo4j.volumes![0]!.split(':');
    expect(Object.keys(compose.volumes)).toContain(volume);
  });

  it('starts the app only once the database is healthy', () => {
    expect(app.build).toBe('.');
    expect(app.depends_on?.neo4j?.condition).toBe('service_healthy');
  });

  it('gives the app only variables it reads, and they validate', () => {
    const env = app.environment ?? {};
    // Resolve ${VAR:-default} as compose does when VAR is unset.
    const resolved = Object.fromEntries(
      Object.entries(env).map(([k, v]) => [k, String(v).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')]),
    );
    const config = loadConfig(resolved);
    expect(config.neo4j.uri).toBe('bolt://neo4j:7687');
    const known = readFileSync('server/src/config.ts', 'utf8');
    for (const name of Object.keys(env)) expect(known).toContain(`${name}:`);
    expect(app.ports).toContain(`127.0.0.1:${config.port}:${config.port}`);
  });

  it('shares one password between the database and the app', () => {
    const auth = neo4j.environment?.NEO4J_AUTH ?? '';
    const [user, password] = auth.split('/');
    expect(user).toBe(app.environment?.NEO4J_USER);
    expect(password).toBe(app.environment?.NEO4J_PASSWORD);
  });
});
