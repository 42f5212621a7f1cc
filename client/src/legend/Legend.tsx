import { useData } from '../state/data.js';
import { KindIcon } from '../ui/KindIcon.js';
import { KIND_STYLE, KINDS, STANCE_STYLE, STANCES } from '../ui/kinds.js';
import { useStyling, type MetricStyling } from './styling.js';
import './legend.css';

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

/** How many of each kind the graph shows, out of how many the graph holds. */
function KindCount({ shown, total }: { shown: number | undefined; total: number | undefined }) {
  if (total === undefined) return null;
  if (shown === undefined) return <span className="legend-count"> {total}</span>;
  return (
    <span className="legend-count">
      {' '}
      {shown} of {total} shown
    </span>
  );
}

function MetricKey({ styling }: { styling: MetricStyling }) {
  const { colour } = styling;
  return (
    <ul className="legend-list" aria-label="Node colours and sizes">
      {colour.kind === 'communities' ? (
        <li>
          Colour: community{' '}
          {colour.swatches.map((swatch) => (
            <span
              key={swatch.label}
              title={swatch.label}
              className="legend-swatch"
              style={{ background: swatch.color }}
            />
          ))}
        </li>
      ) : (
        <li>
          Colour: {colour.metric}, from {colour.low}{' '}
          <span
            className="legend-ramp"
            aria-hidden="true"
            style={{ background: `linear-gradient(to right, ${colour.stops.join(', ')})` }}
          />{' '}
          to {colour.high}
        </li>
      )}
      <li>Size: {styling.sizeBy}</li>
      <li className="muted">Shape: kind</li>
    </ul>
  );
}

/**
 * The keys to reading the graph as it is drawn: kinds by colour and shape (or a metric's colours
 * while they are on), links by how they are asserted, and how many of each kind are on screen.
 */
export function Legend({ shownKinds }: { shownKinds?: ReadonlyMap<string, number> }) {
  const vocabulary = useData((s) => s.vocabulary);
  const metric = useStyling((s) => s.metric);
  const counts = new Map(vocabulary?.data?.kinds.map((k) => [k.kind, k.count]) ?? []);
  return (
    <div className="legend" role="group" aria-label="Legend">
      {metric ? (
        <MetricKey styling={metric} />
      ) : (
        <ul className="legend-list" aria-label="Entity kinds">
          {KINDS.filter((kind) => counts.get(kind) !== 0).map((kind) => (
            <li key={kind}>
              <KindIcon kind={kind} />
              {KIND_STYLE[kind].plural}
              <KindCount
                shown={shownKinds ? (shownKinds.get(kind) ?? 0) : undefined}
                total={counts.get(kind)}
              />
            </li>
          ))}
        </ul>
      )}
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

/** Entities on screen by kind, for the legend's and the filters' "2 of 5 shown". */
export function countKinds(nodes: readonly { kind: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const node of nodes) counts.set(node.kind, (counts.get(node.kind) ?? 0) + 1);
  return counts;
}
