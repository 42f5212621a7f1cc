import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client.js';
import { toApiError } from '../api/http.js';
import { announce } from '../ui/announce.js';
import { useView } from '../state/view.js';
import { CandidateList, type Decide } from './CandidateList.js';
import { ClaimForm, type ClaimInput } from './ClaimForm.js';
import { SourceText, selectionIn } from './SourceText.js';
import { StartForm } from './StartForm.js';
import type { Draft, Selection } from './types.js';
import './imports.css';

/**
 * Bring a source, review what was found in it, add claims from selected quotes, publish. Every step
 * is saved on the server as it is taken (the draft), so the page can be left and resumed.
 */
export default function ImportView() {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [focused, setFocused] = useState<string | null>(null);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [claiming, setClaiming] = useState(false);
  const [published, setPublished] = useState<string | null>(null);
  const [types, setTypes] = useState<{ type: string; description: string | null }[]>([]);
  const textRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    api('getVocabulary', {})
      .then((v) => setTypes(v.relationshipTypes.map(({ type, description }) => ({ type, description }))))
      .catch(() => setTypes([]));
  }, []);

  const run = useCallback(async <T,>(work: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    try {
      return await work();
    } catch (e) {
      const message = toApiError(e).message;
      setError(message);
      announce(message);
      return null;
    } finally {
      setBusy(false);
    }
  }, []);

  const open = useCallback(
    async (id: string) => {
      const loaded = await run(() => api('getImport', { params: { id } }));
      if (loaded) {
        setDraft(loaded);
        setFocused(loaded.candidates[0]?.id ?? null);
        setPublished(null);
        announce(
          `${loaded.candidates.length} candidates and ${loaded.mentions.length} known mentions found.`,
        );
      }
    },
    [run],
  );

  const decide: Decide = useCallback(
    (candidate, decision) => {
      if (!draft) return;
      void run(() =>
        api('decideImport', {
          params: { id: draft.id },
          body: { decisions: [{ candidate: candidate.id, ...decision }] },
        }),
      ).then((next) => {
        if (!next) return;
        setDraft(next);
        announce(
          `${decision.name ?? candidate.name}: ${decision.action}${decision.kind ? `, ${decision.kind}` : ''}.`,
        );
      });
    },
    [draft, run],
  );

  const startClaim = useCallback(() => {
    if (!draft) return;
    const picked = selectionIn(textRef.current, draft.text);
    if (!picked) {
      setError('Select a sentence or phrase in the text first, then press C or "Add claim".');
      return;
    }
    setSelection(picked);
    setClaiming(true);
  }, [draft]);

  // C opens "Add claim" for the selected text, from anywhere but a field.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.key.toLowerCase() !== 'c' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
      if (!draft || claiming) return;
      event.preventDefault();
      startClaim();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [draft, claiming, startClaim]);

  const saveClaim = async (claim: ClaimInput) => {
    if (!draft) return;
    const next = await run(() => api('addImportClaim', { params: { id: draft.id }, body: claim }));
    if (next) {
      setDraft(next);
      setClaiming(false);
      announce(`Claim added: ${claim.from} ${claim.type} ${claim.to}.`);
    }
  };

  if (!draft) {
    return (
      <div className="imp">
        <StartForm busy={busy} error={error} run={run} onOpen={(id) => void open(id)} />
      </div>
    );
  }

  const decided = draft.candidates.filter((c) => c.decision && c.decision.action !== 'pending').length;
  return (
    <div className="imp imp--review">
      <header className="imp-head">
        <div>
          <h2>{draft.title}</h2>
          <p className="muted">
            {draft.publisher}
            {draft.date ? ` · ${draft.date}` : ''} · {draft.mediaType} · {draft.length.toLocaleString()}{' '}
            characters
            {draft.pageStarts.length ? ` · ${draft.pageStarts.length} pages` : ''} · {draft.mentions.length}{' '}
            known mentions · {decided}/{draft.candidates.length} candidates reviewed · {draft.claims.length}{' '}
            claims
          </p>
        </div>
        <div className="imp-row">
          <button type="button" className="btn" onClick={startClaim} disabled={busy}>
            Add claim (C)
          </button>
          <a className="btn" href={`/api/imports/${encodeURIComponent(draft.id)}/dataset`} download>
            Download as dataset
          </a>
          <button
            type="button"
            className="btn"
            disabled={busy}
            onClick={() => {
              if (!window.confirm(`Discard the draft "${draft.title}" and everything reviewed in it?`))
                return;
              void run(() => api('discardImport', { params: { id: draft.id } })).then((done) => {
                if (done) {
                  setDraft(null);
                  announce('Draft discarded.');
                }
              });
            }}
          >
            Discard
          </button>
          <button
            type="button"
            className="btn btn--primary"
            disabled={busy || published !== null}
            onClick={() =>
              void run(() => api('publishImport', { params: { id: draft.id } })).then((done) => {
                if (!done) return;
                const text = `Published: ${done.entities} entities, ${done.relationships} links, ${done.mentions} mentions.`;
                setPublished(text);
                announce(text);
              })
            }
          >
            Publish
          </button>
        </div>
      </header>
      {error ? (
        <p className="imp-error" role="alert">
          {error}
        </p>
      ) : null}
      {published ? (
        <p className="imp-published" role="status">
          {published}{' '}
          <button
            type="button"
            className="btn btn--small"
            onClick={() => useView.getState().setPage('explore')}
          >
            Explore the graph
          </button>{' '}
          <button type="button" className="btn btn--small" onClick={() => setDraft(null)}>
            Import another
          </button>
        </p>
      ) : null}
      <div className="imp-body">
        <SourceText draft={draft} focused={focused} textRef={textRef} />
        <aside className="imp-side">
          {claiming && selection ? (
            <ClaimForm
              draft={draft}
              selection={selection}
              types={types}
              onSubmit={(claim) => void saveClaim(claim)}
              onCancel={() => setClaiming(false)}
            />
          ) : null}
          <CandidateList
            candidates={draft.candidates}
            focused={focused}
            onFocus={setFocused}
            decide={decide}
          />
          <section aria-label="Claims" className="imp-claims">
            <h3>Claims ({draft.claims.length})</h3>
            <ul>
              {draft.claims.map((c) => (
                <li key={c.id}>
                  <b>{c.from}</b> {c.type} <b>{c.to}</b>
                  {c.by.length ? ` (per ${c.by.join(', ')}, ${c.stance})` : ''}
                  {c.page ? ` · p. ${c.page}` : ''}
                  <blockquote className="imp-quote">“{c.quote}”</blockquote>
                  <button
                    type="button"
                    className="btn btn--small"
                    onClick={() =>
                      void run(() =>
                        api('removeImportClaim', { params: { id: draft.id, claimId: c.id } }),
                      ).then((next) => next && setDraft(next))
                    }
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          </section>
        </aside>
      </div>
    </div>
  );
}
