import { useEffect, useMemo, useState } from 'react';
import { fetchGraph } from '../api/endpoints.js';
import { toApiError } from '../api/http.js';
import type { GraphPayloadT } from '../api/types.js';
import { graphController } from '../graph/controller.js';
import type { Scene } from '../graph/scene.js';
import { computeMetrics, rankBy, type MetricKey, type NetworkMetrics } from '../metrics/metrics.js';
import { useView } from '../state/view.js';
import { announce } from '../ui/announce.js';
import { setMetricStyling } from '../legend/styling.js';
import { communityColour, emphasisFor, RAMP_STOPS, type EmphasisMetric } from './emphasis.js';

const METRICS: { key: MetricKey; label: string; format(value: number): string }[] = [
  { key: 'degree', label: 'Degree (distinct neighbours)', format: String },
  { key: 'betweenness', label: 'Betweenness', format: (v) => v.toFixed(3) },
  { key: 'pagerank', label: 'PageRank', format: (v) => v.toFixed(4) },
  { key: 'relationships', label: 'Relationships', format: String },
];

type Scope = 'whole' | 'view';

/** Who is central and which groups form: graphology metrics, a ranked table, and the graph styled by them. */
export function MetricsPanel({ scene }: { scene: Scene }) {
  const [scope, setScope] = useState<Scope>('whole');
  const [metric, setMetric] = useState<MetricKey>('betweenness');
  const [colourBy, setColourBy] = useState<EmphasisMetric>('community');
  const [onGraph, setOnGraph] = useState(false);
  const [whole, setWhole] = useState<GraphPayloadT | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (scope !== 'whole' || whole) return;
    const controller = new AbortController();
    fetchGraph(controller.signal)
      .then(setWhole)
      .catch((failure: unknown) => {
        if (!controller.signal.aborted) setError(toApiError(failure).message);
      });
    return () => controller.abort();
  }, [scope, whole]);

  const payload: GraphPayloadT | null = useMemo(
    () => (scope === 'whole' ? whole : { nodes: scene.nodes, edges: scene.edges }),
    [scope, whole, scene.nodes, scene.edges],
  );
  const metrics: NetworkMetrics | null = useMemo(() => (payload ? computeMetrics(payload) : null), [payload]);
  const ranked = useMemo(() => (metrics ? rankBy(metrics, metric, { limit: 25 }) : []), [metrics, metric]);

  // The style mapping follows the metrics while it is on, and is taken off again when turned off or left.
  useEffect(() => {
    if (!onGraph || !metrics) return;
    graphController().setEmphasis(emphasisFor(metrics, metric, colourBy));
    const label = (key: string) => METRICS.find((m) => m.key === key)?.label ?? key;
    const communities = [...new Set(metrics.nodes.map((n) => n.community))].sort((a, b) => a - b);
    const values = colourBy === 'community' ? [] : metrics.nodes.map((n) => n[colourBy]);
    const colourFormat = METRICS.find((m) => m.key === colourBy)?.format ?? String;
    // The legend says what the colours now mean, instead of the kinds' colours they replaced.
    setMetricStyling({
      sizeBy: label(metric),
      colour:
        colourBy === 'community'
          ? {
              kind: 'communities',
              swatches: communities.map((c) => ({ label: `Community ${c + 1}`, color: communityColour(c) })),
            }
          : {
              kind: 'ramp',
              metric: label(colourBy),
              stops: RAMP_STOPS,
              low: colourFormat(Math.min(0, ...values)),
              high: colourFormat(Math.max(0, ...values)),
            },
    });
    return () => {
      graphController().setEmphasis(null);
      setMetricStyling(null);
    };
  }, [onGraph, metrics, metric, colourBy]);

  const format = METRICS.find((m) => m.key === metric)?.format ?? String;

  return (
    <div className="wb-metrics">
      <fieldset className="wb-inline">
        <legend>Compute on</legend>
        <label>
          <input
            type="radio"
            name="wb-scope"
            checked={scope === 'whole'}
            onChange={() => setScope('whole')}
          />{' '}
          the whole graph
        </label>
        <label>
          <input type="radio" name="wb-scope" checked={scope === 'view'} onChange={() => setScope('view')} />{' '}
          what the graph shows now
        </label>
      </fieldset>
      <div className="wb-inline">
        <label>
          Rank and size by{' '}
          <select value={metric} onChange={(event) => setMetric(event.target.value as MetricKey)}>
            {METRICS.map((m) => (
              <option key={m.key} value={m.key}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Colour by{' '}
          <select value={colourBy} onChange={(event) => setColourBy(event.target.value as EmphasisMetric)}>
            <option value="community">Community (Louvain)</option>
            {METRICS.map((m) => (
              <option key={m.key} value={m.key}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="btn"
          aria-pressed={onGraph}
          onClick={() => {
            setOnGraph(!onGraph);
            announce(
              onGraph
                ? 'The graph is back to its usual style.'
                : 'Nodes are sized and coloured by the metrics.',
            );
          }}
        >
          Style the graph by these metrics
        </button>
      </div>
      {error ? (
        <p className="error-box" role="alert">
          The graph could not be loaded: {error}
        </p>
      ) : null}
      {metrics ? (
        <>
          <p className="muted">
            {metrics.nodes.length} entities · {metrics.communities.count} communities
            {metrics.communities.modularity !== null
              ? ` (modularity ${metrics.communities.modularity.toFixed(2)})`
              : ''}
            {onGraph && scope === 'whole' ? ' · entities not on the graph are not styled' : ''}
          </p>
          <table className="wb-table wb-ranked" aria-label="Entities ranked by the chosen metric">
            <thead>
              <tr>
                <th scope="col">Rank</th>
                <th scope="col">Entity</th>
                <th scope="col">{METRICS.find((m) => m.key === metric)?.label}</th>
                <th scope="col">Community</th>
                <th scope="col">
                  <span className="sr-only">Select</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {ranked.map((row) => (
                <tr key={row.id}>
                  <td>{row.rank}</td>
                  <td>{row.name}</td>
                  <td className="wb-number">{format(row.value)}</td>
                  <td className="wb-number">{row.metrics.community + 1}</td>
                  <td>
                    <button
                      type="button"
                      className="btn btn--small"
                      onClick={() => useView.getState().revealEntity(row.id)}
                    >
                      Select<span className="sr-only"> {row.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : error ? null : (
        <p className="muted" role="status">
          Loading the graph…
        </p>
      )}
    </div>
  );
}
