import { useEffect } from 'react';
import { api } from '../api/client.js';
import { ApiError } from '../api/http.js';
import { plural } from '../ui/format.js';
import { retryFailed } from '../state/data.js';
import { useHealth, type HealthState } from './health.js';

async function check(): Promise<HealthState> {
  try {
    const body = await api('getHealth', {});
    return {
      kind: 'ok',
      version: body.neo4j.version,
      edition: body.neo4j.edition,
      nodes: body.counts.nodes,
      relationships: body.counts.relationships,
    };
  } catch (error) {
    return {
      kind: 'down',
      message:
        error instanceof ApiError && error.status === 0
          ? 'The server does not answer. Is Trove running?'
          : error instanceof Error
            ? error.message
            : 'The database is unavailable.',
    };
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
        Connecting to the graph…
      </p>
    );
  if (health.kind === 'down') {
    return (
      <p className="db-status db-status--down" role="status" title={health.message}>
        <span className="db-dot" aria-hidden="true" />
        The graph is unreachable; retrying every 10 seconds
      </p>
    );
  }
  // The reader wants to know the graph is there and how big it is; the database's make and version
  // are for whoever runs the server, so they stay in the tooltip.
  return (
    <p className="db-status db-status--ok" role="status" title={`Neo4j ${health.version} ${health.edition}`}>
      <span className="db-dot" aria-hidden="true" />
      Graph ready · {plural(health.nodes, 'entity', 'entities')}, {plural(health.relationships, 'link')}
    </p>
  );
}
