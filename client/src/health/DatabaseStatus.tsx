import { useEffect } from 'react';
import { retryFailed } from '../state/data.js';
import { useHealth, type HealthState } from './health.js';

interface HealthBody {
  status: 'ok' | 'unavailable';
  neo4j: { connected: boolean; version: string | null; edition: string | null };
  counts: { nodes: number; relationships: number } | null;
  error?: { message: string };
}

async function check(): Promise<HealthState> {
  try {
    const response = await fetch('/api/health');
    const body = (await response.json()) as HealthBody;
    if (body.neo4j.connected) {
      return {
        kind: 'ok',
        version: body.neo4j.version ?? '?',
        edition: body.neo4j.edition ?? '?',
        nodes: body.counts?.nodes ?? 0,
        relationships: body.counts?.relationships ?? 0,
      };
    }
    return { kind: 'down', message: body.error?.message ?? 'The database is unavailable.' };
  } catch {
    return { kind: 'down', message: 'The server does not answer. Is Trove running?' };
  }
}

/** Polls /api/health so the page says when the database goes away and when it is back. */
export function DatabaseStatus() {
  const health = useHealth((s) => s.health);

  useEffect(() => {
    let cancelled = false;
    const run = async () => {
      const next = await check();
      if (cancelled) return;
      const before = useHealth.getState().health;
      useHealth.setState({ health: next });
      // What failed while the database was away is asked again as soon as it is back.
      if (before.kind === 'down' && next.kind === 'ok') retryFailed();
    };
    void run();
    const timer = setInterval(() => void run(), 10_000);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, []);

  if (health.kind === 'loading')
    return (
      <p className="db-status" role="status">
        <span className="db-dot" aria-hidden="true" />
        Checking the database…
      </p>
    );
  if (health.kind === 'down') {
    return (
      <p className="db-status db-status--down" role="status" title={health.message}>
        <span className="db-dot" aria-hidden="true" />
        Database unavailable — Trove retries every 10 seconds
      </p>
    );
  }
  return (
    <p
      className="db-status db-status--ok"
      role="status"
      title={`${health.nodes} entities · ${health.relationships} relationships`}
    >
      <span className="db-dot" aria-hidden="true" />
      Database connected: Neo4j {health.version} {health.edition}
    </p>
  );
}
