import { useData } from '../state/data.js';
import { KindIcon } from '../ui/KindIcon.js';
import { KIND_STYLE, KINDS, STANCE_STYLE, STANCES } from '../ui/kinds.js';

function LineSample({ stance }: { stance: keyof typeof STANCE_STYLE }) {
  const dash =
    STANCE_STYLE[stance].line === 'dashed'
      ? '6 4'
      : STANCE_STYLE[stance].line === 'dotted'
        ? '1.5 3'
        : undefined;
  return (
    <svg
      width="34"
      height="10"
      viewBox="0 0 34 10"
      aria-hidden="true"
      className={`line-sample line-sample--${stance}`}
    >
      <line x1="1" y1="5" x2="27" y2="5" strokeWidth="2" strokeDasharray={dash} strokeLinecap="round" />
      {stance === 'denied' ? (
        <line x1="30" y1="1" x2="30" y2="9" strokeWidth="2" />
      ) : (
        <polygon points="26,1.5 33,5 26,8.5" className="line-sample-arrow" />
      )}
    </svg>
  );
}

export function StanceSample({ stance }: { stance: keyof typeof STANCE_STYLE }) {
  return <LineSample stance={stance} />;
}

/** Kinds by colour and shape, links by how they are asserted: the keys to reading the graph. */
export function Legend() {
  const vocabulary = useData((s) => s.vocabulary);
  const counts = new Map(vocabulary?.data?.kinds.map((k) => [k.kind, k.count]) ?? []);
  return (
    <div className="legend" role="group" aria-label="Legend">
      <ul className="legend-list" aria-label="Entity kinds">
        {KINDS.map((kind) => (
          <li key={kind}>
            <KindIcon kind={kind} />
            {KIND_STYLE[kind].plural}
            {counts.has(kind) ? <span className="muted"> {counts.get(kind)}</span> : null}
          </li>
        ))}
      </ul>
      <ul className="legend-list" aria-label="Link stances">
        {STANCES.map((stance) => (
          <li key={stance} title={STANCE_STYLE[stance].hint}>
            <LineSample stance={stance} />
            {STANCE_STYLE[stance].label}
          </li>
        ))}
      </ul>
      <p className="legend-note muted">Double border: official · dashed border: more neighbours to show</p>
    </div>
  );
}
