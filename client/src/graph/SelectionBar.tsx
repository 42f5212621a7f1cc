import { useData } from '../state/data.js';
import { useView } from '../state/view.js';
import { KindIcon } from '../ui/KindIcon.js';
import { graphController } from './controller.js';
import type { Scene } from './scene.js';

/** What can be done with the selected entity, as buttons (the graph's double-click and keys do the same). */
export function SelectionBar({ scene }: { scene: Scene }) {
  const selected = useView((s) => s.selected);
  const mode = useView((s) => s.mode);
  const expanded = useView((s) => (s.selected ? (s.expanded[s.selected] ?? 0) : 0));
  const pinned = useView((s) => (s.selected ? s.pinned.includes(s.selected) : false));
  const node = useData((s) => (selected ? s.nodes[selected] : undefined));
  const hood = useData((s) => (selected ? s.neighborhoods[selected] : undefined));
  const actions = useView.getState();
  if (!selected || !node) return null;
  const more = scene.more[selected];
  const onGraph = scene.nodes.some((n) => n.id === selected);
  const isExpanded = mode === 'explore' && expanded > 0;

  return (
    <div className="selection-bar" role="group" aria-label={`Actions for ${node.name}`}>
      <span className="selection-name">
        <KindIcon kind={node.kind} />
        <strong>{node.name}</strong>
      </span>
      {isExpanded ? (
        <button type="button" className="btn btn--small" onClick={() => actions.collapse(selected)}>
          Collapse
        </button>
      ) : (
        <button type="button" className="btn btn--small" onClick={() => actions.expand(selected)}>
          Expand
        </button>
      )}
      {more ? (
        <button
          type="button"
          className="btn btn--small btn--accent"
          onClick={() => actions.showMore(selected)}
          disabled={hood?.status === 'loading'}
        >
          Show more ({more.shown} of {more.total})
        </button>
      ) : null}
      <button
        type="button"
        className="btn btn--small"
        aria-pressed={pinned}
        onClick={() => actions.togglePin(selected)}
      >
        {pinned ? 'Unpin' : 'Pin'}
      </button>
      <button type="button" className="btn btn--small" onClick={() => actions.hide(selected)}>
        Hide
      </button>
      <button type="button" className="btn btn--small" onClick={() => actions.focusEntity(selected)}>
        Focus
      </button>
      {onGraph ? (
        <button type="button" className="btn btn--small" onClick={() => graphController().reveal(selected)}>
          Centre
        </button>
      ) : null}
      <button
        type="button"
        className="btn btn--small"
        onClick={() => actions.setPath({ from: selected })}
        title="Find how this entity connects to another"
      >
        Paths…
      </button>
    </div>
  );
}
