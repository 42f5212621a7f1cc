import type { GraphEdgeT, PathsResponseT } from '../api/types.js';
import { pathKey, retryFailed, useData } from '../state/data.js';
import { useView } from '../state/view.js';
import { SearchBox } from '../search/SearchBox.js';
import { EntityLink } from '../ui/EntityLink.js';
import { plural } from '../ui/format.js';
import { attributionText, stepPhrase } from '../words/relations.js';
import { Quote } from '../ui/Quote.js';

/** "How is A connected to B?": two pickers, the shortest paths, each explained link by link. */
export function PathFinder() {
  const path = useView((s) => s.path);
  const nodes = useData((s) => s.nodes);
  const entry = useData((s) =>
    path.from && path.to
      ? s.paths[
          pathKey({
            from: path.from,
            to: path.to,
            maxHops: path.maxHops,
            k: path.k,
            asserters: path.asserters,
          })
        ]
      : undefined,
  );
  const actions = useView.getState();
  const fromName = path.from ? (nodes[path.from]?.name ?? path.from) : '';
  const toName = path.to ? (nodes[path.to]?.name ?? path.to) : '';

  return (
    <section className="paths" aria-label="Path finder">
      <h2 className="panel-heading">How are they connected?</h2>
      <p className="muted panel-intro">
        The shortest chains of links between two entities, in either direction.
      </p>
      <div className="path-form">
        <SearchBox
          label="Path from"
          placeholder="From… e.g. Wang Yongzhi"
          visibleLabel
          value={fromName}
          onChoose={(chosen) => actions.setPath({ from: chosen.id })}
        />
        <button
          type="button"
          className="btn btn--icon path-swap"
          aria-label="Swap from and to"
          onClick={() => actions.setPath({ from: path.to, to: path.from })}
          disabled={!path.from && !path.to}
        >
          ⇅
        </button>
        <SearchBox
          label="Path to"
          placeholder="To… e.g. Xi Jinping"
          visibleLabel
          value={toName}
          onChoose={(chosen) => actions.setPath({ to: chosen.id })}
        />
        <div className="path-options">
          <label>
            At most{' '}
            <select
              value={path.maxHops}
              onChange={(e) => actions.setPath({ maxHops: Number(e.target.value) })}
            >
              {[1, 2, 3, 4, 5, 6].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>{' '}
            links
          </label>
          <label>
            Show{' '}
            <select value={path.k} onChange={(e) => actions.setPath({ k: Number(e.target.value) })}>
              {[1, 2, 3, 5, 10].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>{' '}
            paths
          </label>
          <label>
            <input
              type="checkbox"
              checked={path.asserters === true}
              onChange={(e) => actions.setPath({ asserters: e.target.checked })}
            />{' '}
            Also through who says it
          </label>
          {path.from || path.to ? (
            <button type="button" className="btn btn--small" onClick={() => actions.clearPath()}>
              Clear
            </button>
          ) : null}
        </div>
      </div>
      {!path.from || !path.to ? (
        <p className="muted">
          Choose {path.from ? 'where the path ends' : path.to ? 'where the path starts' : 'two entities'} to
          see how they are connected.
        </p>
      ) : !entry || entry.status === 'loading' ? (
        <p className="muted">
          <span className="spinner spinner--small" aria-hidden="true" /> Finding paths…
        </p>
      ) : entry.status === 'error' ? (
        <div className="error-box" role="alert">
          <p>Paths could not be found: {entry.error.message}</p>
          <button type="button" className="btn btn--small" onClick={retryFailed}>
            Try again
          </button>
        </div>
      ) : (
        <PathResults response={entry.data} fromName={fromName} toName={toName} />
      )}
    </section>
  );
}

function PathResults({
  response,
  fromName,
  toName,
}: {
  response: PathsResponseT;
  fromName: string;
  toName: string;
}) {
  const index = useView((s) => s.path.index);
  const maxHops = useView((s) => s.path.maxHops);
  const actions = useView.getState();
  const edges = new Map<string, GraphEdgeT>(response.edges.map((e) => [e.id, e]));
  const shortest = response.paths[0]?.length ?? 0;
  if (response.paths.length === 0) {
    return (
      <div className="empty-box" role="status">
        <p>
          No connection between {fromName} and {toName} within {plural(maxHops, 'link')}.
        </p>
        {maxHops < 6 ? (
          <button type="button" className="btn btn--small" onClick={() => actions.setPath({ maxHops: 6 })}>
            Allow up to 6 links
          </button>
        ) : null}
      </div>
    );
  }
  return (
    <>
      <p className="path-summary" role="status">
        {response.paths.length === 1
          ? `One path of ${plural(shortest, 'link')}.`
          : `${response.paths.length} paths, the shortest of ${plural(shortest, 'link')}.`}{' '}
        The chosen path is drawn on the graph.
      </p>
      <ol className="path-list">
        {response.paths.map((p, i) => (
          <li key={p.edges.join('|')} className={`path-card ${i === index ? 'path-card--current' : ''}`}>
            <div className="path-card-head">
              <h3>
                Path {i + 1} <span className="muted">· {plural(p.length, 'link')}</span>
              </h3>
              {i === index ? (
                <span className="badge">On the graph</span>
              ) : (
                <button
                  type="button"
                  className="btn btn--small"
                  onClick={() => actions.setPath({ index: i })}
                >
                  Show on graph
                </button>
              )}
            </div>
            <ol className="path-steps">
              {p.edges.map((edgeId, step) => {
                const edge = edges.get(edgeId);
                const from = p.nodes[step];
                const to = p.nodes[step + 1];
                if (!edge || !from || !to) return null;
                if (p.hops?.[step] === 'says')
                  return <SaysStep key={edgeId} edge={edge} from={from} to={to} />;
                const phrase = stepPhrase(edge, from);
                const by = attributionText(edge);
                return (
                  <li key={edgeId} className="path-step">
                    <p className="path-sentence">
                      <EntityLink id={from} />{' '}
                      <span className="verb">
                        {phrase.reversed ? `← ${phrase.text} —` : `— ${phrase.text} →`}
                      </span>{' '}
                      <EntityLink id={to} />
                    </p>
                    {by ? <p className="rel-meta">{by.charAt(0).toUpperCase() + by.slice(1)}</p> : null}
                    {edge.evidence[0] ? <Quote evidence={edge.evidence[0]} /> : null}
                  </li>
                );
              })}
            </ol>
          </li>
        ))}
      </ol>
    </>
  );
}

/**
 * A step to or from who asserts a claim on a link: "Chen Quanguo — James Leibold says → …", the
 * link it is said about, and the asserter's own quote.
 */
function SaysStep({ edge, from, to }: { edge: GraphEdgeT; from: string; to: string }) {
  const nodes = useData((s) => s.nodes);
  const asserterIsNext = edge.attribution.asserters.some((a) => a.id === to);
  const asserter = asserterIsNext ? to : from;
  const name = nodes[asserter]?.name ?? asserter;
  const claim = edge.evidence.find((e) => (e.asserters ?? []).some((a) => a.id === asserter));
  const stance = claim?.stance ?? edge.attribution.stance;
  const verb = stance === 'reported' || stance === 'claimed' ? 'says' : stance;
  const short = name.split(/\s+/).at(-1) ?? name;
  return (
    <li className="path-step path-step--says">
      <p className="path-sentence">
        <EntityLink id={from} />{' '}
        <span className="verb">{asserterIsNext ? `— ${short} ${verb} →` : `← ${short} ${verb} —`}</span>{' '}
        <EntityLink id={to} />
      </p>
      <p className="rel-meta">
        {name} {verb}: <EntityLink id={edge.source} /> {stepPhrase(edge, edge.source).text}{' '}
        <EntityLink id={edge.target} />
      </p>
      {claim ? <Quote evidence={claim} /> : null}
    </li>
  );
}
