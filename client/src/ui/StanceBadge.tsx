import { Fragment } from 'react';
import type { GraphEdgeT } from '../api/types.js';
import { StanceSample } from '../legend/Legend.js';
import { formatDate } from './format.js';
import { EntityLink } from './EntityLink.js';

/** How a link is asserted: stance, who asserts it, and when it happened, in one line. */
export function Attribution({ edge }: { edge: GraphEdgeT }) {
  const { stance, by, byName } = edge.attribution;
  const asserters = edge.attribution.asserters ?? (by ? [{ id: by, name: byName ?? by }] : []);
  const date = formatDate(edge.date);
  return (
    <p className="rel-meta">
      <span className={`stance stance--${stance}`}>
        <StanceSample stance={stance} />
        {stance}
      </span>
      {asserters.length > 0 ? (
        <span>
          {' '}
          by{' '}
          {asserters.map((a, i) => (
            <Fragment key={a.id}>
              {i > 0 ? (i === asserters.length - 1 ? ' and ' : ', ') : null}
              <EntityLink id={a.id} name={a.name} />
            </Fragment>
          ))}
        </span>
      ) : byName ? (
        <span> by {byName}</span>
      ) : (
        <span className="muted"> by the article itself</span>
      )}
      {date ? <span className="rel-date"> · {date}</span> : null}
    </p>
  );
}
