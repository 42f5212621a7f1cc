import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { retryFailed, useData } from '../state/data.js';
import { openedWithoutView } from '../state/url.js';
import { useView } from '../state/view.js';
import { announce } from '../ui/announce.js';
import { plural } from '../ui/format.js';
import type { Direction, HoverTarget } from './controller.js';
import { useHover } from '../state/hover.js';
import { countKinds, Legend } from '../legend/Legend.js';
import type { Scene } from './scene.js';
import { GraphToolbar } from './GraphToolbar.js';
import { SelectionBar } from './SelectionBar.js';
import { Tooltip } from './Tooltip.js';
import { useGraphCanvas } from './useGraphCanvas.js';
import { useNeighbourAnnouncements } from './useNeighbourAnnouncements.js';

const ARROWS: Record<string, Direction> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
};

export function GraphPanel({ scene }: { scene: Scene }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<HoverTarget | null>(null);
  const [hintDismissed, setHintDismissed] = useState(!openedWithoutView);
  const mode = useView((s) => s.mode);
  const layout = useView((s) => s.layout);
  const selected = useView((s) => s.selected);
  const selectedEdge = useView((s) => s.selectedEdge);
  const pinned = useView((s) => s.pinned);
  const nodesById = useData((s) => s.nodes);
  const storyMode = useView((s) => s.story !== null);
  const moved = useView((s) => s.moved);
  const controller = useGraphCanvas(
    containerRef,
    scene,
    { layout, selected, selectedEdge, pinned, storyMode, moved },
    {
      selectNode: (id) => useView.getState().select(id),
      selectEdge: (id) => useView.getState().selectEdge(id),
      toggleExpand: (id) => {
        const state = useView.getState();
        if (state.mode === 'explore' && state.expanded[id]) state.collapse(id);
        else state.expand(id);
      },
      hover: (target) => {
        setHover(target);
        useHover.getState().set(target?.type === 'node' ? target.id : null, 'graph');
      },
      nodeMoved: (id, to) => useView.getState().moveNode(id, to),
    },
  );

  useNeighbourAnnouncements();

  const minimapRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const container = minimapRef.current;
    return container ? controller.attachMinimap(container) : undefined;
  }, [controller]);

  // The starting hint has done its job as soon as the user changes the view in any way.
  useEffect(() => useView.subscribe(() => setHintDismissed(true)), []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const state = useView.getState();
    const direction = ARROWS[event.key];
    if (direction) {
      event.preventDefault();
      const next = controller.nodeInDirection(state.selected, direction);
      if (next) {
        state.select(next);
        announce(`${nodesById[next]?.name ?? next} selected`);
      }
      return;
    }
    const id = state.selected;
    switch (event.key) {
      case 'Enter':
        if (!id) return;
        event.preventDefault();
        if (state.mode === 'explore' && state.expanded[id]) state.collapse(id);
        else state.expand(id);
        break;
      case 'Escape':
        state.select(null);
        break;
      case 'p':
      case 'P':
        if (id) state.togglePin(id);
        break;
      case 'h':
      case 'H':
      case 'Delete':
        if (id) state.hide(id);
        break;
      case 'f':
      case 'F':
        controller.fit();
        break;
      case '+':
      case '=':
        controller.zoomBy(1.25);
        break;
      case '-':
        controller.zoomBy(0.8);
        break;
      default:
        return;
    }
  };

  const showHint = !hintDismissed && mode === 'overview' && !selected && scene.nodes.length > 0;

  return (
    <section className="graph-panel" aria-label="Relationship graph">
      <GraphToolbar scene={scene} controller={controller} />
      <div className="graph-stage">
        <SelectionBar scene={scene} />
        <div
          ref={containerRef}
          className="graph-canvas"
          tabIndex={0}
          role="application"
          aria-roledescription="graph"
          aria-label="Graph canvas"
          aria-describedby="graph-keys"
          onKeyDown={onKeyDown}
          // Cytoscape reports no mouseout when the pointer leaves the canvas straight from a node:
          // the hover would stay lit here, on the map and in the list.
          onPointerLeave={() => {
            if (useHover.getState().from !== 'graph') return;
            controller.showHover(null);
            setHover(null);
            useHover.getState().set(null, 'graph');
          }}
        />
        <p id="graph-keys" className="sr-only">
          Arrow keys move the selection to the nearest entity in that direction. Enter expands or collapses
          it, P pins, H hides, F fits the graph, plus and minus zoom, Escape clears the selection. The list
          view shows the same graph as text.
        </p>
        <Tooltip hover={hover} />
        {/* A view of the whole of a large graph, for the mouse: the keyboard has F (fit) and the
            arrow keys, and a screen reader the list view, so it is hidden from both. */}
        <div
          id="graph-minimap"
          ref={minimapRef}
          className="graph-minimap cytoscape-navigator"
          aria-hidden="true"
          hidden
        />
        {showHint ? (
          <div className="graph-hint" role="note">
            <p>
              <strong>The whole article as a graph.</strong> Search for a name above, click an entity to read
              its evidence, double-click (or Enter) to explore its neighbours step by step.
            </p>
            <button type="button" className="btn btn--small" onClick={() => setHintDismissed(true)}>
              Got it
            </button>
          </div>
        ) : null}
        <GraphOverlay scene={scene} />
      </div>
      <Legend shownKinds={countKinds(scene.nodes)} />
    </section>
  );
}

function GraphOverlay({ scene }: { scene: Scene }) {
  const mode = useView((s) => s.mode);
  const actions = useView.getState();
  if (scene.nodes.length > 0) {
    if (!scene.error) return null;
    return (
      <div className="graph-notice graph-notice--error" role="alert">
        <span>Some of the graph could not be loaded: {scene.error.message}</span>
        <button type="button" className="btn btn--small" onClick={retryFailed}>
          Retry
        </button>
      </div>
    );
  }
  if (scene.error) {
    return (
      <div className="graph-empty" role="alert">
        <h2>{scene.error.databaseDown ? 'The database is unavailable' : 'The graph could not be loaded'}</h2>
        {scene.error.databaseDown ? (
          <p className="muted">
            Nothing can be drawn until it answers. Trove checks every 10 seconds and loads the graph by itself
            as soon as the database is back; you can also try now.
          </p>
        ) : (
          <>
            <p>{scene.error.message}</p>
            <p className="muted">
              {scene.error.busy
                ? 'This passes by itself: try again in a moment.'
                : 'Check that the Trove server is running, then try again.'}
            </p>
          </>
        )}
        <button type="button" className="btn btn--primary" onClick={retryFailed}>
          Try again
        </button>
      </div>
    );
  }
  if (scene.loading || scene.pending.length > 0) {
    return (
      <div className="graph-empty" role="status" aria-label="Loading the graph">
        <span className="spinner" aria-hidden="true" />
        <p>Loading the graph…</p>
      </div>
    );
  }
  if (scene.totalNodes > 0) {
    return (
      <div className="graph-empty">
        <h2>Filters hide everything</h2>
        <p>All {plural(scene.totalNodes, 'entity', 'entities')} of this view are filtered out.</p>
        <button type="button" className="btn btn--primary" onClick={() => actions.resetFilters()}>
          Reset filters
        </button>
      </div>
    );
  }
  return (
    <div className="graph-empty">
      <h2>{mode === 'explore' ? 'The graph is empty' : 'Nothing to show yet'}</h2>
      <p>
        Search for a person, place or organization above to start from it, or show the whole article graph.
      </p>
      <button type="button" className="btn btn--primary" onClick={() => actions.showOverview()}>
        Show the whole graph
      </button>
    </div>
  );
}
