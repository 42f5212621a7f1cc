import { useEffect, useState } from 'react';
import { api, type ResponseOf } from '../api/client.js';
import { toApiError } from '../api/http.js';
import { runWrite, step, useHistoryState } from './store.js';

type History = ResponseOf<'getHistory'>;
type Change = History['changes'][number];

const OP_LABEL: Record<string, string> = {
  merge: 'Merge',
  split: 'Split',
  'not-same': 'Not the same',
  edit: 'Edit',
  story: 'Story',
  undo: 'Undo',
  redo: 'Redo',
  import: 'Import',
  publish: 'Publish',
  discard: 'Discard',
};

function when(at: string): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime())
    ? at
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A merge still in force can be split off again from the history, whatever came after it. */
function splittable(change: Change): string | null {
  return change.op === 'merge' && !change.undone && change.undoable ? (change.subjects[1] ?? null) : null;
}

/**
 * The append-only log, newest first: who did what and when, with undo and redo of the last
 * operations. With `entity`, only the changes that touched it (in the details panel).
 */
export function HistoryPanel({ entity, limit = 30 }: { entity?: string; limit?: number }) {
  const revision = useHistoryState((s) => s.revision);
  const [history, setHistory] = useState<History | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    api('getHistory', { query: { entity, limit } }, controller.signal).then(
      (answer) => {
        setHistory(answer);
        setError(null);
      },
      (failure: unknown) => {
        if (!controller.signal.aborted) setError(toApiError(failure).message);
      },
    );
    return () => controller.abort();
  }, [entity, limit, revision]);

  return (
    <section className="history" aria-label={entity ? 'History of this entity' : 'History'}>
      <div className="history-head">
        <h3 className="details-subheading">History</h3>
        {entity ? null : (
          <div className="history-steps">
            <button
              type="button"
              className="btn btn--small"
              disabled={!history?.undo}
              title={history?.undo ? `Undo: ${history.undo} (Ctrl-Z)` : 'Nothing to undo'}
              onClick={() => void step('undo')}
            >
              Undo
            </button>
            <button
              type="button"
              className="btn btn--small"
              disabled={!history?.redo}
              title={history?.redo ? `Redo: ${history.redo} (Ctrl-Shift-Z)` : 'Nothing to redo'}
              onClick={() => void step('redo')}
            >
              Redo
            </button>
          </div>
        )}
      </div>
      {error ? (
        <p className="error-box" role="alert">
          The history could not be loaded: {error}
        </p>
      ) : null}
      {history && history.changes.length === 0 ? (
        <p className="muted">
          {entity ? 'No change to this entity yet.' : 'No change yet: the graph is as loaded.'}
        </p>
      ) : null}
      <ol className="history-list">
        {history?.changes.map((change) => {
          const merged = splittable(change);
          return (
            <li key={change.id} className={`history-item ${change.undone ? 'history-item--undone' : ''}`}>
              <p className="history-summary">
                <span className={`history-op history-op--${change.op}`}>
                  {OP_LABEL[change.op] ?? change.op}
                </span>{' '}
                {change.summary}
                {change.undone ? <span className="muted"> (undone)</span> : null}
              </p>
              <p className="history-meta muted">
                {when(change.at)} · {change.author}
                {merged ? (
                  <>
                    {' · '}
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => void runWrite(() => api('splitEntity', { body: { merged } }))}
                    >
                      Split {merged} off again
                    </button>
                  </>
                ) : null}
              </p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
