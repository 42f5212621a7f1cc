import { useEffect, useId, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useNarrow } from '../shell/useNarrow.js';
import { useView, type LayoutName } from '../state/view.js';
import { plural } from '../ui/format.js';
import type { GraphController } from './controller.js';
import type { GroupBy } from './groups.js';
import type { Scene } from './scene.js';

const LAYOUTS: { value: LayoutName; label: string }[] = [
  { value: 'fcose', label: 'Force-directed' },
  { value: 'concentric', label: 'Concentric by degree' },
  { value: 'breadthfirst', label: 'Tree from selection' },
];

/**
 * The graph's tools. On a phone they must fit one row without taking the graph's height (three
 * wrapped rows left too little graph to draw labels in): the whole graph, fit and the counts stay
 * in the row, and the rest opens from "More" over the graph.
 */
export function GraphToolbar({ scene, controller }: { scene: Scene; controller: GraphController }) {
  const narrow = useNarrow();
  const mode = useView((s) => s.mode);
  const layout = useView((s) => s.layout);
  const list = useView((s) => s.list);
  const actions = useView.getState();

  // A graph too large to draw whole opens as groups: by kind, or by community (found in a worker).
  // The choice shows while the graph is drawn as groups (the controller says when).
  const grouped = useSyncExternalStore(controller.subscribeGrouping, () => controller.groupedBy !== null);
  const [groupBy, setGroupBy] = useState<GroupBy>(controller.groupChoice);
  const [findingCommunities, setFindingCommunities] = useState(false);
  const chooseGroups = (by: GroupBy) => {
    setGroupBy(by);
    setFindingCommunities(by === 'community');
    void controller.setGroupBy(by).finally(() => setFindingCommunities(false));
  };

  const filteredOut = scene.totalNodes - scene.nodes.length;

  const wholeGraph = (
    <button
      type="button"
      className="btn"
      onClick={() => actions.showOverview()}
      aria-pressed={mode === 'overview'}
      title="Show every entity and link of the article"
    >
      Whole graph
    </button>
  );
  const clear = (
    <button
      type="button"
      className="btn"
      onClick={() => actions.clearGraph()}
      title="Start from an empty graph"
    >
      Clear
    </button>
  );
  const layoutChoice = (
    <label className="toolbar-group toolbar-select">
      <span>Layout</span>
      <select value={layout} onChange={(event) => actions.setLayout(event.target.value as LayoutName)}>
        {LAYOUTS.map((l) => (
          <option key={l.value} value={l.value}>
            {l.label}
          </option>
        ))}
      </select>
    </label>
  );
  const groupChoice = grouped ? (
    <label className="toolbar-group toolbar-select">
      <span>Group by</span>
      <select value={groupBy} onChange={(event) => chooseGroups(event.target.value as GroupBy)}>
        <option value="kind">Kind</option>
        <option value="community">Community</option>
      </select>
    </label>
  ) : null;
  const finding =
    grouped && findingCommunities ? (
      <span className="muted" role="status">
        Finding communities…
      </span>
    ) : null;
  const zoom = (
    <div className="toolbar-group">
      <button
        type="button"
        className="btn btn--icon"
        onClick={() => controller.zoomBy(1.25)}
        aria-label="Zoom in"
        title="Zoom in (+)"
      >
        +
      </button>
      <button
        type="button"
        className="btn btn--icon"
        onClick={() => controller.zoomBy(0.8)}
        aria-label="Zoom out"
        title="Zoom out (−)"
      >
        −
      </button>
      {narrow ? null : fit(controller)}
    </div>
  );
  const listView = (
    <button
      type="button"
      className="btn"
      aria-pressed={list}
      onClick={() => actions.toggleList()}
      title="The same graph as sentences, for keyboard and screen readers"
    >
      List view
    </button>
  );
  const unhide =
    scene.hiddenCount > 0 ? (
      <button type="button" className="btn" onClick={() => actions.unhideAll()}>
        Show {plural(scene.hiddenCount, 'hidden entity', 'hidden entities')}
      </button>
    ) : null;
  const counts = (
    <p className="graph-counts" aria-live="polite">
      {narrow ? null : 'Showing '}
      {plural(scene.nodes.length, 'node')}, {plural(scene.edges.length, 'link')}
      {filteredOut > 0 ? <span className="muted"> ({filteredOut} filtered out)</span> : null}
    </p>
  );

  if (!narrow) {
    return (
      <div className="graph-toolbar" role="toolbar" aria-label="Graph tools">
        <div className="toolbar-group">
          {wholeGraph}
          {clear}
        </div>
        {layoutChoice}
        {groupChoice}
        {finding}
        {zoom}
        {listView}
        {unhide}
        {counts}
      </div>
    );
  }
  return (
    <div className="graph-toolbar graph-toolbar--narrow" role="toolbar" aria-label="Graph tools">
      {wholeGraph}
      {fit(controller)}
      <MoreTools hidden={scene.hiddenCount}>
        <div className="toolbar-group">{clear}</div>
        {layoutChoice}
        {groupChoice}
        {zoom}
        <div className="toolbar-group">{listView}</div>
        {unhide ? <div className="toolbar-group">{unhide}</div> : null}
      </MoreTools>
      {finding}
      {counts}
    </div>
  );
}

function fit(controller: GraphController) {
  return (
    <button
      type="button"
      className="btn"
      onClick={() => controller.fit()}
      title="Fit the graph to the view (F)"
    >
      Fit
    </button>
  );
}

/**
 * The tools that do not fit a phone's row, behind a disclosure button: they open over the graph
 * and close with Escape (back to the button), a click elsewhere, or the button again.
 */
function MoreTools({ hidden, children }: { hidden: number; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!wrapRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  return (
    <div
      ref={wrapRef}
      className="graph-more"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !open) return;
        event.stopPropagation();
        setOpen(false);
        buttonRef.current?.focus();
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="btn"
        aria-expanded={open}
        aria-controls={id}
        title="Layout, zoom, list view and more"
        onClick={() => setOpen((now) => !now)}
      >
        More
        {hidden > 0 ? (
          <span className="sr-only"> ({plural(hidden, 'hidden entity', 'hidden entities')})</span>
        ) : null}
        <span aria-hidden="true"> {open ? '▴' : '▾'}</span>
      </button>
      <div id={id} className="graph-more-panel" role="group" aria-label="More graph tools" hidden={!open}>
        {children}
      </div>
    </div>
  );
}
