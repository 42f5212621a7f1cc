import { useEffect, useState } from 'react';
import { api, type ResponseOf } from '../api/client.js';

/** Paste a text or pick a file, say what it is, import it; or resume a draft. */
export function StartForm({
  busy,
  error,
  run,
  onOpen,
}: {
  busy: boolean;
  error: string | null;
  run: <T>(work: () => Promise<T>) => Promise<T | null>;
  onOpen: (id: string) => void;
}) {
  const [drafts, setDrafts] = useState<ResponseOf<'listImports'>['drafts']>([]);
  useEffect(() => {
    api('listImports', {})
      .then((list) => setDrafts(list.drafts))
      .catch(() => setDrafts([]));
  }, []);

  return (
    <div className="imp-start">
      <form
        className="imp-form"
        aria-label="Import a source"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const get = (name: string) => String(f.get(name) ?? '').trim();
          const meta = {
            title: get('title'),
            publisher: get('publisher') || 'Unknown',
            ...(get('date') ? { date: get('date') } : {}),
            ...(get('url') ? { url: get('url') } : {}),
            ...(get('note') ? { note: get('note') } : {}),
          };
          const file = f.get('file');
          void run(() =>
            file instanceof File && file.size > 0
              ? api('uploadImport', { query: meta, file })
              : api('createImport', { body: { ...meta, text: String(f.get('text') ?? '') } }),
          ).then((created) => created && onOpen(created.id));
        }}
      >
        <h2>Import a source</h2>
        <p className="muted">
          Paste an article or upload a .txt, .md, .html or .pdf file. Trove stores the text as it is, finds
          the entities it already knows and proposes new ones; nothing reaches the graph until you publish.
        </p>
        <label>
          Title <input name="title" required autoFocus />
        </label>
        <div className="imp-row">
          <label>
            Publisher <input name="publisher" placeholder="Unknown" />
          </label>
          <label>
            Date <input name="date" placeholder="2019-11-24" pattern="\d{4}(-\d{2}(-\d{2})?)?" />
          </label>
        </div>
        <label>
          URL <input name="url" type="url" placeholder="https://" />
        </label>
        <label>
          Note <input name="note" placeholder="Where the text comes from" />
        </label>
        <label>
          Text <textarea name="text" rows={10} placeholder="Paste the article here…" />
        </label>
        <label>
          Or a file{' '}
          <input
            name="file"
            type="file"
            accept=".txt,.md,.html,.htm,.pdf,text/plain,text/markdown,text/html,application/pdf"
          />
        </label>
        {error ? (
          <p className="imp-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {busy ? 'Reading…' : 'Import'}
        </button>
      </form>
      {drafts.length ? (
        <section className="imp-drafts" aria-label="Drafts">
          <h3>Drafts</h3>
          <ul>
            {drafts.map((d) => (
              <li key={d.id}>
                <button type="button" className="btn btn--small" onClick={() => onOpen(d.id)}>
                  {d.title}
                </button>{' '}
                <span className="muted">{d.length.toLocaleString()} characters</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
