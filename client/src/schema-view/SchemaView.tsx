import { useEffect, useState } from 'react';
import { toApiError } from '../api/http.js';
import { KindIcon } from '../ui/KindIcon.js';
import './schema-view.css';
import { fetchSchemaView, type SchemaViewT } from '../workbench/api.js';

type Loaded =
  { state: 'loading' } | { state: 'ready'; schema: SchemaViewT } | { state: 'error'; message: string };

/** The graph's shape from GET /api/schema: how many entities of each kind, and which types join which kinds. */
export function SchemaView() {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    fetchSchemaView(controller.signal)
      .then((schema) => setLoaded({ state: 'ready', schema }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoaded({ state: 'error', message: toApiError(error).message });
      });
    return () => controller.abort();
  }, []);

  if (loaded.state === 'loading')
    return (
      <p className="muted" role="status">
        Loading the schema…
      </p>
    );
  if (loaded.state === 'error')
    return (
      <p className="error-box" role="alert">
        The schema could not be loaded: {loaded.message}
      </p>
    );
  const { kinds, relationships } = loaded.schema;
  const total = relationships.reduce((sum, r) => sum + r.count, 0);
  const most = Math.max(1, ...relationships.map((r) => r.count));
  return (
    <div className="schema-view">
      <h3 className="panel-heading">Kinds of entities</h3>
      <ul className="schema-kinds">
        {kinds.map((k) => (
          <li key={k.kind} className={k.count === 0 ? 'muted' : ''}>
            <KindIcon kind={k.kind} /> {k.kind} <span className="schema-count">{k.count}</span>
          </li>
        ))}
      </ul>
      <h3 className="panel-heading">
        How they connect{' '}
        <span className="muted">
          ({relationships.length} patterns, {total} relationships)
        </span>
      </h3>
      <table className="wb-table schema-table" aria-label="Relationship types by the kinds they join">
        <thead>
          <tr>
            <th scope="col">From</th>
            <th scope="col">Relationship</th>
            <th scope="col">To</th>
            <th scope="col">Count</th>
          </tr>
        </thead>
        <tbody>
          {relationships.map((r) => (
            <tr key={`${r.from}-${r.type}-${r.to}`}>
              <td>
                <KindIcon kind={r.from} /> {r.from}
              </td>
              <td>
                <code>–[:{r.type}]→</code>
              </td>
              <td>
                <KindIcon kind={r.to} /> {r.to}
              </td>
              <td className="wb-number">
                <span className="schema-bar" style={{ width: `${Math.max(4, (r.count / most) * 60)}px` }} />
                {r.count}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
