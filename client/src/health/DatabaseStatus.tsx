import { useEffect, useState } from 'react';

interface HealthBody {
  status: 'ok' | 'unavailable';
  neo4j: { connected: boolean; version: string | null; edition: string | null };
  counts: { nodes: number; relationships: number } | null;
}

type State = { kind: 'loading' } | { kind: 'ok'; health: HealthBody } | { kind: 'down'; message: string };

/** Polls /api/health so the page says when the database goes away and when it is back. */
export function DatabaseStatus() {
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    let cancelled = false;
    const check = async () => {
      try {
        const response = await fetch('/api/health');
        const body = (await response.json()) as HealthBody & { error?: { message: string } };
        if (cancelled) return;
        setState(
          body.neo4j.connected
            ? { kind: 'ok', health: body }
            : { kind: 'down', message: body.error?.message ?? 'The database is unavailable.' },
        );
      } catch {
        if (!cancelled) setState({ kind: 'down', message: 'The server does not answer. Is Trove running?' });
      }
    };
    void check();
    const timer = setInterval(() => void check(), 10_000);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, []);

  if (state.kind === 'loading')
    return (
      <p className="db-status" role="status">
        Checking the database…
      </p>
    );
  if (state.kind === 'down') {
    return (
      <p className="db-status db-status--down" role="status">
        Database unavailable: {state.message}
      </p>
    );
  }
  const { neo4j, counts } = state.health;
  return (
    <p className="db-status db-status--ok" role="status">
      Database connected: Neo4j {neo4j.version} {neo4j.edition}
      {counts ? ` · ${counts.nodes} entities · ${counts.relationships} relationships` : ''}
    </p>
  );
}
