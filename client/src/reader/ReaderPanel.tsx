import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import { ensureSource, retryFailed, useData } from '../state/data.js';
import { useView } from '../state/view.js';
import { segment } from './segments.js';
import './reader.css';

const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * The article with every mention quietly underlined by kind; the quote being read is marked, scrolled
 * to and given focus, and the selected entity's mentions stand out, with previous/next to step
 * through them. Choosing a mention selects that entity on the graph.
 */
export function ReaderPanel() {
  const reader = useView((s) => s.reader);
  const selected = useView((s) => s.selected);
  const entry = useData((s) => (reader ? s.sources[reader.sourceId] : undefined));
  const bodyRef = useRef<HTMLDivElement>(null);
  const actions = useView.getState();

  useEffect(() => {
    if (reader) ensureSource(reader.sourceId);
  }, [reader]);

  const source = entry?.status === 'ready' ? entry.data : null;
  const mark = reader?.mark ?? null;
  const pieces = useMemo(
    () => (source ? segment(source.source.text, source.mentions, mark) : []),
    [source, mark],
  );

  useEffect(() => {
    if (!source) return;
    const target = bodyRef.current?.querySelector('mark');
    target?.scrollIntoView({ block: 'center', behavior: reducedMotion() ? 'auto' : 'smooth' });
    // Whoever opened the reader (a quote's "Read in the article") continues reading there, by
    // keyboard too: focus moves into the article instead of staying behind on the button.
    bodyRef.current?.focus({ preventScroll: true });
  }, [source, mark]);

  // The selected entity's mentions in reading order, and which of them the reader is at.
  const selectedMentions = useMemo(
    () => (source && selected ? source.mentions.filter((m) => m.entityId === selected) : []),
    [source, selected],
  );
  const [at, setAt] = useState<{ entity: string | null; index: number }>({ entity: null, index: -1 });
  const current = at.entity === selected ? at.index : -1;
  const goToMention = (index: number) => {
    const mention = selectedMentions[index];
    if (!mention) return;
    setAt({ entity: selected, index });
    const button = bodyRef.current?.querySelector<HTMLButtonElement>(`[data-start="${mention.start}"]`);
    button?.scrollIntoView({ block: 'center', behavior: reducedMotion() ? 'auto' : 'smooth' });
    button?.focus({ preventScroll: true });
  };

  // The selected entity's other sources: the reader switches to one at its first mention there.
  const entityEntry = useData((s) => (selected ? s.entities[selected] : undefined));
  const mentionSources = entityEntry?.status === 'ready' ? (entityEntry.data.mentionSources ?? []) : [];
  const openSource = (sourceId: string) => {
    const mentions = entityEntry?.status === 'ready' ? entityEntry.data.mentions : [];
    const first = mentions.filter((m) => m.sourceId === sourceId).sort((a, b) => a.start - b.start)[0];
    actions.openReader(sourceId, first ? { start: first.start, end: first.end } : null);
  };

  if (!reader) return null;
  const dock = reader.dock;
  const markedIndex = pieces.findIndex((p) => p.marked);
  const lastMarked = pieces.findLastIndex((p) => p.marked);

  return (
    <section className={`reader reader--${dock}`} aria-label="Article reader">
      <header className="reader-header">
        <div className="reader-title">
          <p className="eyebrow">Source</p>
          <h2>{source?.source.title ?? 'Loading the article…'}</h2>
          {source?.source.publisher ? (
            <p className="muted reader-publisher">{source.source.publisher}</p>
          ) : null}
          {source?.source.note ? (
            // Folded by default: it matters, but the article is what the reader came for.
            <details className="reader-note">
              <summary>About this text</summary>
              <p>{source.source.note}</p>
            </details>
          ) : null}
        </div>
        <div className="reader-tools">
          <button
            type="button"
            className="btn btn--small"
            onClick={() => actions.setDock(dock === 'side' ? 'bottom' : 'side')}
            title={dock === 'side' ? 'Show the article below the graph' : 'Show the article beside the graph'}
          >
            {dock === 'side' ? 'Dock below' : 'Dock beside'}
          </button>
          <button
            type="button"
            className="btn btn--small"
            onClick={() => actions.closeReader()}
            aria-label="Close the article"
          >
            ✕
          </button>
        </div>
      </header>
      {entry?.status === 'error' ? (
        <div className="error-box" role="alert">
          <p>The article could not be loaded: {entry.error.message}</p>
          <button type="button" className="btn btn--small" onClick={retryFailed}>
            Try again
          </button>
        </div>
      ) : null}
      {!source && entry?.status !== 'error' ? (
        <p className="muted reader-loading">
          <span className="spinner spinner--small" aria-hidden="true" /> Loading the article…
        </p>
      ) : null}
      {source ? (
        <>
          <p className="reader-help muted">
            Underlined names are mentions; choose one to select it on the graph.
            {mark ? ' The quote you chose is marked.' : ''}
          </p>
          {mentionSources.length > 1 ? (
            <nav className="reader-sources" aria-label="Sources that mention the selected entity">
              <span className="muted">{mentionSources.length} sources mention it:</span>{' '}
              {mentionSources.map((m) => (
                <button
                  key={m.sourceId}
                  type="button"
                  className="btn btn--small"
                  aria-current={m.sourceId === reader.sourceId ? 'true' : undefined}
                  disabled={m.sourceId === reader.sourceId}
                  onClick={() => openSource(m.sourceId)}
                >
                  {m.title} ({m.count})
                </button>
              ))}
            </nav>
          ) : null}
          {selectedMentions.length > 0 ? (
            <nav className="reader-nav" aria-label="Mentions of the selected entity">
              <button
                type="button"
                className="btn btn--small"
                onClick={() => goToMention(current <= 0 ? selectedMentions.length - 1 : current - 1)}
              >
                ◀ Previous mention
              </button>
              <button
                type="button"
                className="btn btn--small"
                onClick={() => goToMention(current >= selectedMentions.length - 1 ? 0 : current + 1)}
              >
                Next mention ▶
              </button>
              <span className="reader-nav-count" aria-live="polite">
                {current >= 0
                  ? `Mention ${current + 1} of ${selectedMentions.length}`
                  : `${selectedMentions.length} mention${selectedMentions.length === 1 ? '' : 's'}`}{' '}
                of {selectedMentions[0]?.name}
              </span>
            </nav>
          ) : null}
          <div className="reader-body" ref={bodyRef} tabIndex={-1}>
            {pieces.map((piece, index) => {
              const mention = piece.mention;
              let content = mention ? (
                <button
                  type="button"
                  data-start={mention.start}
                  className={`mention mention--${mention.kind} ${mention.entityId === selected ? 'mention--selected' : ''} ${current >= 0 && selectedMentions[current]?.start === mention.start ? 'mention--current' : ''}`}
                  onClick={() => actions.revealEntity(mention.entityId)}
                  title={`${mention.name} (${mention.kind})`}
                >
                  {piece.text}
                </button>
              ) : (
                <Fragment>{piece.text}</Fragment>
              );
              // One <mark> for the whole quote would need nesting across mentions, so each piece of
              // the quote is marked, and screen readers hear where the quote begins and ends.
              if (piece.marked) content = <mark className="quote-mark">{content}</mark>;
              return (
                <Fragment key={piece.start}>
                  {index === markedIndex ? <span className="sr-only">Quote begins: </span> : null}
                  {content}
                  {index === lastMarked ? <span className="sr-only"> (quote ends)</span> : null}
                </Fragment>
              );
            })}
          </div>
        </>
      ) : null}
    </section>
  );
}
