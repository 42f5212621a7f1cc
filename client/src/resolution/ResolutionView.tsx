import { useEffect, useState } from 'react';
import { api, type ResponseOf } from '../api/client.js';
import { toApiError } from '../api/http.js';
import { HistoryPanel } from '../history/HistoryPanel.js';
import { runWrite, useHistoryState } from '../history/store.js';
import { useView } from '../state/view.js';
import { focusDetailsOf } from '../details/focus.js';
import { KindIcon } from '../ui/KindIcon.js';
import './resolution.css';

type Suggestions = ResponseOf<'listMergeSuggestions'>;
type Suggestion = Suggestions['suggestions'][number];
type Side = Suggestion['a'];

/** A quote with the name in it marked, so the eye finds why this sentence is here. */
function QuoteText({ quote }: { quote: Side['quotes'][number] }) {
  if (quote.mentionStart === null || quote.mentionEnd === null) return <>{quote.quote}</>;
  const from = quote.mentionStart - quote.start;
  const to = quote.mentionEnd - quote.start;
  return (
    <>
      {quote.quote.slice(0, from)}
      <mark>{quote.quote.slice(from, to)}</mark>
      {quote.quote.slice(to)}
    </>
  );
}

function SideCard({ side, label }: { side: Side; label: string }) {
  return (
    <div className="merge-side" aria-label={label}>
      <p className="merge-side-name">
        <KindIcon kind={side.kind} size={16} /> <strong>{side.name}</strong>{' '}
        <span className="muted">
          {side.kind} · {side.id}
        </span>
      </p>
      {side.aliases.length > 0 ? (
        <p className="merge-side-aliases muted">Also: {side.aliases.join(', ')}</p>
      ) : null}
      <p className="muted merge-side-count">
        {side.mentionCount === 1 ? '1 mention' : `${side.mentionCount} mentions`}
      </p>
      {side.quotes.length === 0 ? <p className="muted">No quote in the sources.</p> : null}
      <ul className="merge-quotes">
        {side.quotes.map((quote) => (
          <li key={`${quote.sourceId}:${quote.start}`}>
            <blockquote>
              <QuoteText quote={quote} />
            </blockquote>
            <cite className="muted">{quote.sourceId}</cite>
          </li>
        ))}
      </ul>
    </div>
  );
}

function showInGraph(id: string): void {
  const view = useView.getState();
  view.setPage('explore');
  view.focusEntity(id);
  focusDetailsOf(id);
}

function SuggestionCard({ suggestion }: { suggestion: Suggestion }) {
  const { a, b } = suggestion;
  // The better attested side stays by default: its id is the one more links and stories use.
  const [survivor, merged] = b.mentionCount > a.mentionCount ? [b, a] : [a, b];
  const [busy, setBusy] = useState(false);
  const write = async (run: () => Promise<unknown>) => {
    setBusy(true);
    await run();
    setBusy(false);
  };
  return (
    <li className="merge-card">
      <h3 className="merge-title">
        {a.name} <span aria-hidden="true">↔</span>
        <span className="sr-only"> and </span> {b.name}{' '}
        <span className="merge-score" title="How likely they are one entity">
          {Math.round(suggestion.score * 100)} %
        </span>
      </h3>
      <ul className="merge-reasons" aria-label="Reasons">
        {suggestion.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      {suggestion.sharedNeighbours.length > 0 ? (
        <p className="muted merge-shared">
          Both linked to {suggestion.sharedNeighbours.map((n) => n.name).join(', ')}
        </p>
      ) : null}
      <div className="merge-sides">
        <SideCard side={a} label={`${a.name}: quotes`} />
        <SideCard side={b} label={`${b.name}: quotes`} />
      </div>
      <div className="merge-actions">
        <button
          type="button"
          className="btn btn--primary btn--small"
          disabled={busy}
          onClick={() =>
            void write(() =>
              runWrite(() => api('mergeEntities', { body: { survivor: survivor.id, merged: merged.id } })),
            )
          }
        >
          Merge into {survivor.name}
        </button>
        <button
          type="button"
          className="btn btn--small"
          disabled={busy}
          onClick={() =>
            void write(() =>
              runWrite(() => api('mergeEntities', { body: { survivor: merged.id, merged: survivor.id } })),
            )
          }
        >
          Merge into {merged.name}
        </button>
        <button
          type="button"
          className="btn btn--small"
          disabled={busy}
          onClick={() => void write(() => runWrite(() => api('markNotSame', { body: { a: a.id, b: b.id } })))}
        >
          Not the same
        </button>
      </div>
    </li>
  );
}

/** The researcher's clean-up page: possible duplicates with both sides' evidence, and the history. */
export default function ResolutionView() {
  const revision = useHistoryState((s) => s.revision);
  const [source, setSource] = useState('');
  const [sources, setSources] = useState<ResponseOf<'listSources'>['sources']>([]);
  const [answer, setAnswer] = useState<Suggestions | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [lastMerged, setLastMerged] = useState<string | null>(null);

  useEffect(() => {
    api('listSources', {}).then(
      (list) => setSources(list.sources),
      () => setSources([]),
    );
  }, []);
  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    api(
      'listMergeSuggestions',
      { query: { source: source || undefined, limit: 30 } },
      controller.signal,
    ).then(setAnswer, (failure: unknown) => {
      if (!controller.signal.aborted) setError(toApiError(failure).message);
    });
    return () => controller.abort();
  }, [source, revision]);
  useEffect(() => {
    const unsubscribe = useHistoryState.subscribe((state) => {
      const match = state.notice && /^Merged .* into .* \(([a-z0-9-]+)\)$/.exec(state.notice.text);
      if (match?.[1]) setLastMerged(match[1]);
    });
    return unsubscribe;
  }, []);

  return (
    <div className="resolution" aria-label="Resolution">
      <section className="resolution-main" aria-labelledby="resolution-heading">
        <div className="resolution-head">
          <h2 id="resolution-heading">Possible duplicates</h2>
          <label className="resolution-source">
            In{' '}
            <select value={source} onChange={(e) => setSource(e.target.value)}>
              <option value="">the whole graph</option>
              {sources.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p className="muted resolution-intro">
          Pairs of entities that may be one, best first, with why and what each side’s sources say. A merge
          keeps every alias, mention and claim of both and can be undone (Ctrl-Z) or split off again at any
          time.
        </p>
        {lastMerged ? (
          <p className="resolution-last">
            <button type="button" className="btn btn--small" onClick={() => showInGraph(lastMerged)}>
              Show the merged entity in the graph
            </button>
          </p>
        ) : null}
        {error ? (
          <p className="error-box" role="alert">
            The suggestions could not be loaded: {error}
          </p>
        ) : null}
        {answer === null && !error ? <p className="muted">Looking for duplicates…</p> : null}
        {answer && answer.suggestions.length === 0 ? (
          <p className="muted">No likely duplicates among {answer.entities} entities.</p>
        ) : null}
        {answer && answer.suggestions.length > 0 ? (
          <p className="muted">
            {answer.suggestions.length} pairs among {answer.entities} entities ({answer.compared} pairs
            compared).
          </p>
        ) : null}
        <ol className="merge-list">
          {answer?.suggestions.map((s) => (
            <SuggestionCard key={`${s.a.id}+${s.b.id}`} suggestion={s} />
          ))}
        </ol>
      </section>
      <aside className="resolution-history" aria-label="Graph history">
        <HistoryPanel />
      </aside>
    </div>
  );
}
