import { useMemo } from 'react';
import type { GraphEdgeT } from '../api/types.js';
import type { Scene } from '../graph/scene.js';
import { useHover } from '../state/hover.js';
import { useView } from '../state/view.js';
import { EntityLink } from '../ui/EntityLink.js';
import { formatDate, plural } from '../ui/format.js';
import { agreeingVerb, attributionText } from '../words/relations.js';
import { KindIcon } from '../ui/KindIcon.js';
import { useData } from '../state/data.js';
import { citeSources, narrateEdge } from './narrate.js';
import { StoryNarration } from './StoryNarration.js';
import './list.css';

/**
 * The graph on screen as text: every entity and its links in sentences, with the same actions as
 * the graph, for keyboard and screen-reader users (and anyone who prefers reading).
 */
export function GraphList({ scene }: { scene: Scene }) {
  const selected = useView((s) => s.selected);
  // What is hovered here, on the graph or on the map: the same entity lights up in all three.
  const hovered = useHover((s) => s.id);
  const mode = useView((s) => s.mode);
  const expanded = useView((s) => s.expanded);
  const actions = useView.getState();
  const names = useData((s) => s.nodes);
  const nameOf = (id: string) => names[id]?.name ?? id;
  const linksOf = useMemo(() => {
    const map = new Map<string, GraphEdgeT[]>();
    for (const edge of scene.edges) {
      map.set(edge.source, [...(map.get(edge.source) ?? []), edge]);
      if (edge.target !== edge.source) map.set(edge.target, [...(map.get(edge.target) ?? []), edge]);
    }
    return map;
  }, [scene.edges]);

  return (
    <section className="graph-list" aria-label="Graph as list">
      <header className="graph-list-header">
        <h2>Graph as list</h2>
        <p className="muted">
          {plural(scene.nodes.length, 'entity', 'entities')}, {plural(scene.edges.length, 'link')}
        </p>
        <button type="button" className="btn btn--small" onClick={() => actions.toggleList(false)}>
          Close list
        </button>
      </header>
      <StoryNarration />
      {scene.nodes.length === 0 ? (
        <p className="muted graph-list-empty">Nothing on the graph yet. Search for an entity to start.</p>
      ) : null}
      <ul className="graph-list-items">
        {scene.nodes.map((node) => {
          const links = linksOf.get(node.id) ?? [];
          const more = scene.more[node.id];
          const isExpanded = mode === 'explore' && !!expanded[node.id];
          return (
            <li
              key={node.id}
              className={`list-entity ${selected === node.id ? 'list-entity--selected' : ''} ${hovered === node.id ? 'list-entity--hover' : ''}`}
              onPointerEnter={() => useHover.getState().set(node.id, 'list')}
              onPointerLeave={() => useHover.getState().set(null, 'list')}
              onFocus={() => useHover.getState().set(node.id, 'list')}
              onBlur={() => useHover.getState().set(null, 'list')}
            >
              <div className="list-entity-head">
                <KindIcon kind={node.kind} />
                <button
                  type="button"
                  className="list-entity-name"
                  aria-pressed={selected === node.id}
                  onClick={() => actions.select(node.id)}
                >
                  {node.name}
                </button>
                <span className="muted">
                  {node.kind} · {plural(links.length, 'link')}
                  {more ? `, ${more.total - more.shown} more not shown` : ''}
                </span>
                <span className="list-actions">
                  {isExpanded ? (
                    <button
                      type="button"
                      className="btn btn--small"
                      onClick={() => actions.collapse(node.id)}
                    >
                      Collapse <span className="sr-only">{node.name}</span>
                    </button>
                  ) : (
                    <button type="button" className="btn btn--small" onClick={() => actions.expand(node.id)}>
                      Expand <span className="sr-only">{node.name}</span>
                    </button>
                  )}
                  {more ? (
                    <button
                      type="button"
                      className="btn btn--small"
                      onClick={() => actions.showMore(node.id)}
                    >
                      Show more <span className="sr-only">neighbours of {node.name}</span>
                    </button>
                  ) : null}
                  <button type="button" className="btn btn--small" onClick={() => actions.hide(node.id)}>
                    Hide <span className="sr-only">{node.name}</span>
                  </button>
                </span>
              </div>
              {links.length > 0 ? (
                <ul className="list-links">
                  {links.map((edge) => {
                    const by = attributionText(edge);
                    const date = formatDate(edge.date);
                    // The dataset's own sentence reads better aloud than subject-verb-object.
                    if (edge.description)
                      return (
                        <li key={edge.id}>
                          {narrateEdge(edge, nameOf, (id) => names[id]?.kind)} <Citation edge={edge} />{' '}
                          <button
                            type="button"
                            className="link-button"
                            onClick={() => actions.selectEdge(edge.id)}
                          >
                            Evidence <span className="sr-only">for this link</span>
                          </button>
                        </li>
                      );
                    return (
                      <li key={edge.id}>
                        <EntityLink id={edge.source} current={edge.source === node.id} />{' '}
                        {agreeingVerb(edge.type, names[edge.source])}{' '}
                        <EntityLink id={edge.target} current={edge.target === node.id} />
                        {by || date ? (
                          <span className="muted"> ({[by, date].filter(Boolean).join(', ')})</span>
                        ) : null}
                        . <Citation edge={edge} />{' '}
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => actions.selectEdge(edge.id)}
                        >
                          Evidence <span className="sr-only">for this link</span>
                        </button>
                      </li>
                    );
                  })}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Where a sentence comes from: its sources by title, and how many claims when more than one. */
function Citation({ edge }: { edge: GraphEdgeT }) {
  const cited = citeSources(edge);
  if (!cited) return null;
  return (
    <cite className="list-cite">
      ({cited}
      {edge.contested ? '; contested' : ''})
    </cite>
  );
}
