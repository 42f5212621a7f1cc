import { create } from 'zustand';
import type { EntityKind, Stance } from '../api/types.js';
import type { Point, Positions } from './positions.js';

export type LayoutName = 'fcose' | 'concentric' | 'breadthfirst';
export type SideTab = 'details' | 'paths' | 'filters' | 'stories' | 'timeline';
export type Dock = 'side' | 'bottom';
/** The explorer, or the analyst's query workbench beside the same graph. */
export type Page = 'explore' | 'query' | 'resolve' | 'import';
export type WorkbenchTab = 'query' | 'templates' | 'metrics' | 'schema' | 'export';

export interface WorkbenchView {
  tab: WorkbenchTab;
  /** The console's Cypher text and its parameters as JSON text. */
  cypher: string;
  params: string;
  /** The chosen query template and the values of its parameters, by name. */
  template: string | null;
  values: Record<string, string>;
}

export interface Span {
  start: number;
  end: number;
}

export interface ReaderView {
  sourceId: string;
  /** The quote to mark and scroll to. */
  mark: Span | null;
  dock: Dock;
}

export interface PathQuery {
  from: string | null;
  to: string | null;
  maxHops: number;
  k: number;
  /** Paths may also step to who asserts a claim on a link ("Leibold says"); off by default. */
  asserters?: boolean;
  /** Which of the found paths is drawn most strongly. */
  index: number;
}

export interface Filters {
  hiddenKinds: EntityKind[];
  hiddenRels: string[];
  hiddenStances: Stance[];
  /** Inclusive years; null is open. */
  yearFrom: number | null;
  yearTo: number | null;
  /** Whether links and entities without a date stay visible while a date range is set. */
  undated: boolean;
  /**
   * The timeline's playhead: what was known or happening by the end of this year or month
   * (`2016`, `2016-08`); absent or null shows every date. Things dated later are left out.
   */
  until?: string | null;
}

/**
 * Everything that makes a view: what the URL holds. The graph on screen is derived from it
 * (overview: the whole article graph; explore: seeds plus the neighbourhoods of expanded nodes).
 */
export interface ViewState {
  mode: 'overview' | 'explore';
  seeds: string[];
  /** Expanded node id → how many neighbours to show. Insertion order is expansion order. */
  expanded: Record<string, number>;
  hidden: string[];
  pinned: string[];
  selected: string | null;
  selectedEdge: string | null;
  layout: LayoutName;
  tab: SideTab;
  reader: ReaderView | null;
  list: boolean;
  /** The map of the places beside the graph; absent when closed. */
  map?: boolean;
  path: PathQuery;
  filters: Filters;
  page: Page;
  workbench: WorkbenchView;
  /** The story being played and its step (0-based); null when exploring. */
  story: StoryPlace | null;
  /** Full-screen presentation of the story being played. */
  presenting: boolean;
  /**
   * Nodes the user dragged, and where to (model coordinates): the link carries them, so it opens
   * looking like what the sender saw. Absent when nothing was moved.
   */
  moved?: Positions;
}

export interface StoryPlace {
  id: string;
  step: number;
}

/** Neighbours added per expansion: enough to see the shape, few enough to read. */
export const NEIGHBOR_PAGE = 10;
export const DEFAULT_MAX_HOPS = 6;
export const DEFAULT_K = 3;

export const defaultFilters: Filters = {
  hiddenKinds: [],
  hiddenRels: [],
  hiddenStances: [],
  yearFrom: null,
  yearTo: null,
  undated: true,
};

export const defaultWorkbench: WorkbenchView = {
  tab: 'query',
  cypher: '',
  params: '',
  template: null,
  values: {},
};

export const defaultView: ViewState = {
  mode: 'overview',
  seeds: [],
  expanded: {},
  hidden: [],
  pinned: [],
  selected: null,
  selectedEdge: null,
  layout: 'fcose',
  tab: 'details',
  reader: null,
  list: false,
  path: { from: null, to: null, maxHops: DEFAULT_MAX_HOPS, k: DEFAULT_K, index: 0 },
  filters: defaultFilters,
  page: 'explore',
  workbench: defaultWorkbench,
  story: null,
  presenting: false,
};

const without = (list: readonly string[], id: string) => list.filter((x) => x !== id);
const withItem = (list: readonly string[], id: string) => (list.includes(id) ? [...list] : [...list, id]);

export interface ViewActions {
  /** Replaces the whole view (from the URL on load and on back/forward). */
  replaceView(view: ViewState): void;
  select(id: string | null): void;
  selectEdge(id: string | null): void;
  /** Shows this entity and its neighbours as a fresh exploration, selected. */
  focusEntity(id: string): void;
  /** Selects an entity and makes sure it is on the graph (adds it when exploring, unhides it). */
  revealEntity(id: string): void;
  /**
   * A search result joins what is on screen, as path cards do: selected, and with its neighbours when
   * exploring; the whole-article overview already holds it. "Start afresh" is focusEntity.
   */
  addToView(id: string): void;
  expand(id: string): void;
  showMore(id: string): void;
  collapse(id: string): void;
  hide(id: string): void;
  unhideAll(): void;
  togglePin(id: string): void;
  setLayout(layout: LayoutName): void;
  moveNode(id: string, to: Point): void;
  setTab(tab: SideTab): void;
  openReader(sourceId: string, mark: Span | null): void;
  closeReader(): void;
  setDock(dock: Dock): void;
  toggleList(open?: boolean): void;
  toggleMap(open?: boolean): void;
  setPath(patch: Partial<PathQuery>): void;
  clearPath(): void;
  setFilters(patch: Partial<Filters>): void;
  resetFilters(): void;
  showOverview(): void;
  clearGraph(): void;
  setPage(page: Page): void;
  setWorkbench(patch: Partial<WorkbenchView>): void;
  /** Plays a story at a step (the story's tab opens); null goes back to exploring. */
  playStory(place: StoryPlace | null, patch?: Partial<Pick<ViewState, 'selected' | 'selectedEdge'>>): void;
  setPresenting(on: boolean): void;
}

export type ViewStore = ViewState & ViewActions;

/** The view part of the store (without actions), e.g. for useShallow. */
export function pickView(state: ViewStore): ViewState {
  return {
    mode: state.mode,
    seeds: state.seeds,
    expanded: state.expanded,
    hidden: state.hidden,
    pinned: state.pinned,
    selected: state.selected,
    selectedEdge: state.selectedEdge,
    layout: state.layout,
    tab: state.tab,
    reader: state.reader,
    list: state.list,
    path: state.path,
    filters: state.filters,
    page: state.page,
    workbench: state.workbench,
    story: state.story,
    presenting: state.presenting,
    ...(state.moved ? { moved: state.moved } : {}),
    ...(state.map ? { map: true } : {}),
  };
}

/**
 * Whether two views are the same but for the timeline's playhead, which moves many times a second
 * while it plays (what follows it can then skip everything else).
 */
export function samePlayheadAside(a: ViewState, b: ViewState): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof ViewState)[]);
  for (const key of keys) if (key !== 'filters' && a[key] !== b[key]) return false;
  const filterKeys = new Set([...Object.keys(a.filters), ...Object.keys(b.filters)] as (keyof Filters)[]);
  for (const key of filterKeys) if (key !== 'until' && a.filters[key] !== b.filters[key]) return false;
  return true;
}

export function currentView(): ViewState {
  return pickView(useView.getState());
}

/** The user's selection from before a story started playing (see playStory). */
let beforeStory: Pick<ViewState, 'selected' | 'selectedEdge'> | null = null;

export const useView = create<ViewStore>()((set, get) => ({
  ...defaultView,
  // A view without moved nodes clears those of the one before (set merges).
  replaceView: (view) => set({ moved: undefined, map: false, ...view }),
  select: (id) =>
    set({
      selected: id,
      selectedEdge: null,
      ...(id ? { tab: get().tab === 'filters' ? 'details' : get().tab } : {}),
    }),
  selectEdge: (id) => set({ selectedEdge: id, tab: id ? 'details' : get().tab }),
  focusEntity: (id) =>
    set({
      mode: 'explore',
      seeds: [id],
      expanded: { [id]: NEIGHBOR_PAGE },
      hidden: [],
      selected: id,
      selectedEdge: null,
      tab: get().tab === 'paths' ? 'paths' : 'details',
    }),
  revealEntity: (id) => {
    const state = get();
    set({
      selected: id,
      selectedEdge: null,
      hidden: without(state.hidden, id),
      seeds: state.mode === 'explore' ? withItem(state.seeds, id) : state.seeds,
      tab: state.tab === 'filters' ? 'details' : state.tab,
    });
  },
  addToView: (id) => {
    const state = get();
    // The story editor and the path finder keep their tab; a search does not pull the user away.
    const tab = state.tab === 'stories' || state.tab === 'paths' ? state.tab : 'details';
    if (state.mode === 'overview') {
      set({ selected: id, selectedEdge: null, hidden: without(state.hidden, id), tab });
      return;
    }
    set({
      seeds: withItem(state.seeds, id),
      expanded: state.expanded[id] ? state.expanded : { ...state.expanded, [id]: NEIGHBOR_PAGE },
      hidden: without(state.hidden, id),
      selected: id,
      selectedEdge: null,
      tab,
    });
  },
  expand: (id) => {
    const state = get();
    if (state.expanded[id]) return;
    set({
      mode: 'explore',
      // Expanding in the overview turns the view into an exploration that starts from this node.
      seeds: state.mode === 'explore' ? withItem(state.seeds, id) : [id],
      expanded:
        state.mode === 'explore' ? { ...state.expanded, [id]: NEIGHBOR_PAGE } : { [id]: NEIGHBOR_PAGE },
      selected: id,
      selectedEdge: null,
    });
  },
  showMore: (id) => {
    const state = get();
    const current = state.expanded[id] ?? 0;
    // 500 is the API's own cap on a neighbourhood.
    set({ expanded: { ...state.expanded, [id]: Math.min(500, current + NEIGHBOR_PAGE) } });
  },
  collapse: (id) => {
    const state = get();
    if (!state.expanded[id]) return;
    set({ expanded: Object.fromEntries(Object.entries(state.expanded).filter(([key]) => key !== id)) });
  },
  hide: (id) => {
    const state = get();
    set({
      hidden: withItem(state.hidden, id),
      selected: state.selected === id ? null : state.selected,
    });
  },
  unhideAll: () => set({ hidden: [] }),
  togglePin: (id) => {
    const state = get();
    set({ pinned: state.pinned.includes(id) ? without(state.pinned, id) : [...state.pinned, id] });
  },
  // A chosen layout arranges every node again, so no node stays where it was dragged.
  setLayout: (layout) => set({ layout, moved: undefined }),
  moveNode: (id, to) => set({ moved: { ...get().moved, [id]: { x: to.x, y: to.y } } }),
  setTab: (tab) => set({ tab }),
  openReader: (sourceId, mark) => set({ reader: { sourceId, mark, dock: get().reader?.dock ?? 'side' } }),
  closeReader: () => set({ reader: null }),
  setDock: (dock) => {
    const reader = get().reader;
    if (reader) set({ reader: { ...reader, dock } });
  },
  toggleList: (open) => set({ list: open ?? !get().list }),
  toggleMap: (open) => set({ map: open ?? !get().map }),
  setPath: (patch) => {
    const path = { ...get().path, ...patch };
    if ('from' in patch || 'to' in patch || 'maxHops' in patch || 'k' in patch || 'asserters' in patch)
      path.index = patch.index ?? 0;
    set({ path, tab: 'paths' });
  },
  clearPath: () => set({ path: { ...defaultView.path } }),
  setFilters: (patch) => set({ filters: { ...get().filters, ...patch } }),
  resetFilters: () => set({ filters: defaultFilters }),
  showOverview: () => set({ mode: 'overview', seeds: [], expanded: {}, hidden: [], moved: undefined }),
  setPage: (page) => set({ page }),
  setWorkbench: (patch) => set({ workbench: { ...get().workbench, ...patch } }),
  clearGraph: () =>
    set({
      mode: 'explore',
      seeds: [],
      expanded: {},
      hidden: [],
      selected: null,
      selectedEdge: null,
      moved: undefined,
    }),
  playStory: (place, patch = {}) => {
    const state = get();
    // A story borrows the selection for its steps; leaving it gives the user's own back.
    if (place && !state.story) beforeStory = { selected: state.selected, selectedEdge: state.selectedEdge };
    const restore = !place && state.story ? beforeStory : null;
    if (!place) beforeStory = null;
    set({
      story: place,
      presenting: place ? state.presenting : false,
      selectedEdge: null,
      ...(place ? { tab: state.tab === 'timeline' ? 'timeline' : 'stories' } : {}),
      ...(restore ?? {}),
      ...patch,
    });
  },
  setPresenting: (on) => set({ presenting: on && get().story !== null }),
}));
