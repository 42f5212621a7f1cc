import { Fragment, type ReactNode } from 'react';
import type { GraphEdgeT } from '../api/types.js';
import { StanceSample } from '../legend/Legend.js';
import { formatDate } from './format.js';
import { EntityLink } from './EntityLink.js';

/**
 * How a link is asserted, in one line: stance, who asserts it (each asserter, and each source that
 * says it in its own voice, by title), whether its claims disagree, and when it happened.
 */
export function Attribution({ edge }: { edge: GraphEdgeT }) {
  const { stance, by, byName } = edge.attribution;
  const asserters = edge.attribution.asserters ?? (by ? [{ id: by, name: byName ?? by }] : []);
  const ownVoice = [
    ...new Set(
      edge.evidence.filter((e) => (e.asserters ?? []).length === 0).map((e) => e.source?.title ?? e.sourceId),
    ),
  ];
  const voices: ReactNode[] = [
    ...asserters.map((a) => <EntityLink key={a.id} id={a.id} name={a.name} />),
    ...ownVoice.map((title) => (
      <span key={`source:${title}`} className="rel-own-voice">
        <cite>{title}</cite> itself
      </span>
    )),
  ];
  const date = formatDate(edge.date);
  return (
    <p className="rel-meta">
      {/* One stance would hide the disagreement: a contested link names the voices that disagree. */}
      {edge.contested ? (
        <span className="stance stance--disputed rel-contested">Contested</span>
      ) : (
        <span className={`stance stance--${stance}`}>
          <StanceSample stance={stance} />
          {stance}
        </span>
      )}
      {voices.length > 0 ? (
        <span>
          {' '}
          {edge.contested ? 'between' : 'by'}{' '}
          {voices.map((voice, i) => (
            <Fragment key={i}>
              {i > 0 ? (i === voices.length - 1 ? ' and ' : ', ') : null}
              {voice}
            </Fragment>
          ))}
        </span>
      ) : byName ? (
        <span> by {byName}</span>
      ) : null}
      {date ? <span className="rel-date"> · {date}</span> : null}
    </p>
  );
}
