import { useCallback, useEffect, useMemo, useRef, type RefObject } from 'react';
import type { Positions } from '../state/positions.js';
import type { LayoutName } from '../state/view.js';
import { useHover } from '../state/hover.js';
import { useTheme } from '../state/theme.js';
import { graphController, type GraphCallbacks, type GraphController } from './controller.js';
import { sceneElements } from './elements.js';
import type { Scene } from './scene.js';
import { timeIndexFor } from './timeLayer.js';
// The graph's styles (canvas, toolbar, legend, overlays), for the explorer and the embed alike.
import './graph.css';

export interface CanvasView {
  layout: LayoutName;
  selected: string | null;
  selectedEdge: string | null;
  pinned: readonly string[];
  /** A story step is being played: its staging lays it out (stories/playback.ts), not this hook. */
  storyMode: boolean;
  /** Nodes the user dragged (from the link or this session): they stay there after a layout. */
  moved?: Positions | undefined;
}

/**
 * The page's graph in a container, for the explorer and the embed alike: mounts the one Cytoscape
 * instance, follows the container's size and the theme, draws the scene (laying out what is new),
 * shows the selection, the path, the timeline's playhead and what is hovered in the other views, and
 * brings a new path or a revealed selection into view.
 * Components talk to the graph through the controller this returns, never through its `.cy`.
 */
export function useGraphCanvas(
  containerRef: RefObject<HTMLDivElement | null>,
  scene: Scene,
  view: CanvasView,
  callbacks: GraphCallbacks,
): GraphController {
  const controller = graphController();
  const theme = useTheme((s) => s.theme);
  const callbacksRef = useRef(callbacks);
  callbacksRef.current = callbacks;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    controller.mount(container, {
      selectNode: (id) => callbacksRef.current.selectNode(id),
      selectEdge: (id) => callbacksRef.current.selectEdge(id),
      toggleExpand: (id) => callbacksRef.current.toggleExpand(id),
      hover: (target) => callbacksRef.current.hover(target),
      nodeMoved: (id, to) => callbacksRef.current.nodeMoved?.(id, to),
    });
    const observer = new ResizeObserver(() => controller.resize());
    observer.observe(container);
    return () => {
      observer.disconnect();
      controller.unmount();
    };
  }, [controller, containerRef]);

  useEffect(() => controller.setTheme(theme), [controller, theme]);

  // What is hovered on the map or in the list lights up here too (the graph's own hover is its own).
  useEffect(
    () =>
      useHover.subscribe((now, before) => {
        if (now.id === before.id || now.from === 'graph' || (now.id === null && before.from === 'graph'))
          return;
        controller.showHover(now.id);
      }),
    [controller],
  );

  // The graph follows what the scene holds before the playhead: a playing timeline changes neither.
  const { drawn, more } = scene;
  const elements = useMemo(() => sceneElements({ drawn, more }, view.pinned), [drawn, more, view.pinned]);
  const timeIndex = timeIndexFor(scene);
  const layoutRef = useRef(view.layout);
  layoutRef.current = view.layout;
  const selectedRef = useRef(view.selected);
  selectedRef.current = view.selected;

  const movedRef = useRef(view.moved);
  movedRef.current = view.moved;

  // A newly found path is brought into view once the layout has made room for it. Dragged nodes go
  // back where they were put after the layout (and its fit): a shared link reopens as it was sent.
  const pendingFit = useRef<string[] | null>(null);
  const afterLayout = useCallback(() => {
    if (movedRef.current && Object.keys(movedRef.current).length) controller.place(movedRef.current);
    if (pendingFit.current) controller.fit(pendingFit.current);
    pendingFit.current = null;
  }, [controller]);

  // The first graph is drawn once all of it has arrived, so that it is laid out once, and from the
  // same elements each time the same URL opens (layouts are seeded by the elements).
  const complete = !scene.loading && scene.pending.length === 0;
  const drawnOnce = useRef(false);
  const { storyMode } = view;
  useEffect(() => {
    if (!drawnOnce.current && !complete) return;
    const before = controller.nodeCount();
    const added = controller.sync(elements);
    if (elements.nodes.length > 0) drawnOnce.current = true;
    if (storyMode) return;
    if (added.length === 0) {
      // Something left (a filter, a cleared path, a collapse): what remains is shown whole again.
      if (controller.nodeCount() < before && !controller.layingOut) controller.fit();
      return;
    }
    const kept = elements.nodes.length - added.length;
    // A graph that is mostly new is laid out from scratch; otherwise new nodes settle around the old.
    controller.runLayout(layoutRef.current, {
      randomize: kept < 3,
      root: selectedRef.current,
      onDone: afterLayout,
    });
  }, [controller, elements, afterLayout, complete, storyMode]);

  // After the sync above: the playhead shows and hides what the graph now holds.
  useEffect(() => controller.showUntil(timeIndex, scene.until), [controller, timeIndex, scene.until]);

  const pathNodes = [...scene.path.nodeIds].join(',');
  const hadPath = useRef(false);
  useEffect(() => {
    if (!pathNodes) {
      // A path was cleared: back from its close-up to the whole view.
      if (hadPath.current && !controller.layingOut) controller.fit();
      hadPath.current = false;
      return;
    }
    hadPath.current = true;
    pendingFit.current = pathNodes.split(',');
    if (!controller.layingOut) afterLayout();
  }, [controller, pathNodes, afterLayout]);

  // Only a change of layout re-runs it here; new elements are laid out by the sync above.
  const laidOutWith = useRef(view.layout);
  useEffect(() => {
    if (laidOutWith.current === view.layout || storyMode) return;
    laidOutWith.current = view.layout;
    controller.runLayout(view.layout, { root: selectedRef.current, onDone: afterLayout });
  }, [controller, view.layout, afterLayout, storyMode]);

  // On the path, not the whole scene: a step of the playhead must not restyle every element.
  const { path } = scene;
  useEffect(() => {
    controller.applyHighlight({
      selected: view.selected,
      selectedEdge: view.selectedEdge,
      pinned: view.pinned,
      pathNodes: path.nodeIds,
      pathEdges: path.edgeIds,
      allPathNodes: path.allNodeIds,
      allPathEdges: path.allEdgeIds,
    });
  }, [controller, view.selected, view.selectedEdge, view.pinned, path]);

  useEffect(() => {
    if (view.selected) controller.reveal(view.selected);
  }, [controller, view.selected]);

  return controller;
}
