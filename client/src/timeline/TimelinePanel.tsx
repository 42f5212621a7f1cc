import { useEffect, useMemo, useState } from 'react';
import { toApiError } from '../api/http.js';
import { fetchTimeline, type TimelineItemT } from '../stories/api.js';
import { useView } from '../state/view.js';
import { announce } from '../ui/announce.js';
import { formatDate, plural } from '../ui/format.js';
import { useData } from '../state/data.js';
import { axisOf, endOf, percent, precisionText, spanOf } from './axis.js';
import { timeState, untilText } from './play.js';
import { timelineRows, type TimelineRow } from './rows.js';
import './timeline.css';

type State =
  { status: 'loading' } | { status: 'ready'; items: TimelineItemT[] } | { status: 'error'; message: string };

/**
 * The dated events and links on one time axis. A year is drawn across its year and a range across
 * its years, so nothing looks more precise than the source made it. The window (from / to year) is
 * the filters' date range, so it filters the graph too.
 */
export function TimelinePanel() {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const yearFrom = useView((s) => s.filters.yearFrom);
  const yearTo = useView((s) => s.filters.yearTo);
  const selected = useView((s) => s.selected);
  const selectedEdge = useView((s) => s.selectedEdge);
  const until = useView((s) => s.filters.until ?? null);

  useEffect(() => {
    const controller = new AbortController();
    fetchTimeline(controller.signal).then(
      (body) => setState({ status: 'ready', items: body.items }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', message: toApiError(error).message });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const rows = useMemo(() => (state.status === 'ready' ? timelineRows(state.items) : []), [state]);
  const items = useMemo(() => rows.map((row) => row.lead), [rows]);
  const spans = useMemo(() => items.map((item) => spanOf(item.date)), [items]);
  // Events the article names without saying when (the leak itself): listed, not placed on the axis.
  const allNodes = useData((s) => s.nodes);
  const undated = useMemo(
    () =>
      Object.values(allNodes)
        .filter((node) => node.kind === 'Event' && !node.date)
        .sort((a, b) => a.name.localeCompare(b.name)),
    [allNodes],
  );
  const axis = useMemo(() => axisOf(spans), [spans]);

  const inWindow = (i: number) => {
    const span = spans[i];
    if (!span) return true;
    if (yearFrom !== null && span.end <= yearFrom) return false;
    if (yearTo !== null && span.start >= yearTo + 1) return false;
    return true;
  };
  const shown = items.filter((_, i) => inWindow(i)).length;
  const windowOn = yearFrom !== null || yearTo !== null;
  const windowStart = percent(Math.max(axis.from, yearFrom ?? axis.from), axis);
  const windowEnd = percent(Math.min(axis.to, yearTo !== null ? yearTo + 1 : axis.to), axis);

  const setWindow = (from: number | null, to: number | null) => {
    useView.getState().setFilters({ yearFrom: from, yearTo: to });
    announce(
      from === null && to === null
        ? 'Time window cleared; the graph shows every date.'
        : `The graph shows what is dated ${from ?? 'any time'} to ${to ?? 'now'}, and undated links.`,
    );
  };

  const choose = (row: TimelineRow) => {
    const item = row.lead;
    const view = useView.getState();
    if (view.story) view.playStory(null);
    const [first] = row.entityIds;
    if (!first) return;
    view.focusEntity(first);
    for (const id of row.entityIds.slice(1)) useView.getState().revealEntity(id);
    if (item.itemType === 'edge') useView.getState().selectEdge(item.id);
    else useView.getState().select(first);
    useView.getState().setTab('timeline');
    announce(`${item.label} (${formatDate(item.date) ?? ''}) is on the graph.`);
  };

  return (
    <section className="timeline" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading" className="panel-heading">
        Timeline
      </h2>
      <p className="panel-intro muted">
        One row per dated event, with the links dated with it. Bars cover the whole period the article gives:
        a year spans its year.
      </p>
      {state.status === 'loading' ? <p className="muted">Loading the timeline…</p> : null}
      {state.status === 'error' ? (
        <div role="alert" className="error-box">
          <p>The timeline could not be loaded: {state.message}</p>
          <button type="button" className="btn btn--small" onClick={() => setAttempt((n) => n + 1)}>
            Retry
          </button>
        </div>
      ) : null}
      {state.status === 'ready' ? (
        <>
          <fieldset className="timeline-window">
            <legend>Time window (filters the graph)</legend>
            <label>
              From{' '}
              <select
                value={yearFrom ?? ''}
                onChange={(e) => setWindow(e.target.value ? Number(e.target.value) : null, yearTo)}
              >
                <option value="">start</option>
                {axis.years.map((y) => (
                  <option key={y} value={y} disabled={yearTo !== null && y > yearTo}>
                    {y}
                  </option>
                ))}
              </select>
            </label>
            <label>
              to{' '}
              <select
                value={yearTo ?? ''}
                onChange={(e) => setWindow(yearFrom, e.target.value ? Number(e.target.value) : null)}
              >
                <option value="">end</option>
                {axis.years.map((y) => (
                  <option key={y} value={y} disabled={yearFrom !== null && y < yearFrom}>
                    {y}
                  </option>
                ))}
              </select>
            </label>
            {windowOn ? (
              <button type="button" className="btn btn--small" onClick={() => setWindow(null, null)}>
                Clear window
              </button>
            ) : null}
            <p className="muted timeline-count" aria-live="polite">
              {windowOn
                ? `${plural(shown, 'event')} of ${items.length} in the window`
                : plural(items.length, 'dated event')}
            </p>
          </fieldset>
          {until !== null ? (
            <p className="muted timeline-count">
              Playhead: by {untilText(until)}. Later rows are faded; a dashed bar may or may not have happened
              by then (its date is a whole year or range).
            </p>
          ) : null}
          <div className="timeline-axis" aria-hidden="true">
            {until !== null ? (
              <span
                className="timeline-playhead"
                style={{ left: `${Math.min(100, Math.max(0, percent(endOf(until), axis)))}%` }}
              />
            ) : null}
            {axis.years.map((y) => (
              <span
                key={y}
                style={{ left: `${percent(y, axis)}%`, width: `${percent(y + 1, axis) - percent(y, axis)}%` }}
              >
                {y}
              </span>
            ))}
          </div>
          <ol className="timeline-items">
            {rows.map((row, i) => {
              const item = row.lead;
              const links = row.items.filter((x) => x.itemType === 'edge').length;
              const span = spans[i] ?? { start: axis.from, end: axis.from };
              const left = percent(span.start, axis);
              const width = percent(span.end, axis) - left;
              const current =
                item.itemType === 'edge' ? selectedEdge === item.id : selected === item.id && !selectedEdge;
              const when = formatDate(item.date) ?? '';
              return (
                <li
                  key={row.key}
                  className={`timeline-item ${inWindow(i) ? '' : 'timeline-item--out'} ${until !== null ? `timeline-item--${timeState(item.date, until)}` : ''}`}
                >
                  <button
                    type="button"
                    className="timeline-button"
                    aria-current={current ? 'true' : undefined}
                    onClick={() => choose(row)}
                  >
                    <span className="timeline-label">
                      <span className="timeline-date">{when}</span> {item.label}
                      {links > 0 && item.itemType === 'entity' ? (
                        <span className="timeline-links muted"> · {plural(links, 'dated link')}</span>
                      ) : null}
                    </span>
                    <span className="timeline-track" aria-hidden="true">
                      {windowOn ? (
                        <span
                          className="timeline-window-band"
                          style={{ left: `${windowStart}%`, width: `${windowEnd - windowStart}%` }}
                        />
                      ) : null}
                      <span
                        className={`timeline-bar timeline-bar--${item.itemType === 'entity' ? item.kind : 'link'} ${width < 1 ? 'timeline-bar--point' : ''}`}
                        style={{ left: `${left}%`, width: `${Math.max(width, 0)}%` }}
                      />
                    </span>
                    <span className="sr-only">
                      , {precisionText(item.date)}
                      {until !== null && timeState(item.date, until) === 'future'
                        ? `, after ${untilText(until)}`
                        : ''}
                    </span>
                  </button>
                </li>
              );
            })}
          </ol>
          {undated.length > 0 ? (
            <>
              <h3 className="details-subheading">Not dated in the article</h3>
              <ul className="timeline-undated">
                {undated.map((node) => (
                  <li key={node.id}>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        useView.getState().focusEntity(node.id);
                        useView.getState().setTab('timeline');
                      }}
                    >
                      {node.name}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
