import { entityKinds, stances } from '../../../contract/vocabulary-lists.js';
import type { EntityKind, Stance } from '../api/types.js';
import { decodePositions, encodePositions } from './positions.js';
import {
  DEFAULT_K,
  DEFAULT_MAX_HOPS,
  NEIGHBOR_PAGE,
  useView,
  currentView,
  pickView,
  samePlayheadAside,
  type Dock,
  type LayoutName,
  type SideTab,
  type WorkbenchTab,
  type ViewState,
} from './view.js';

const KINDS: readonly EntityKind[] = entityKinds;
const STANCES: readonly Stance[] = stances;
const LAYOUTS: readonly LayoutName[] = ['fcose', 'concentric', 'breadthfirst'];
const WORKBENCH_TABS: readonly WorkbenchTab[] = ['query', 'templates', 'metrics', 'schema', 'export'];
const TABS: readonly SideTab[] = ['details', 'paths', 'filters', 'stories', 'timeline'];
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Parameters whose change does not deserve its own history entry (where the reader's mark sits,
 * which of the found paths is emphasised, where panels dock, layout and pinning): they replace the
 * current entry, so Back goes to the previous *view* rather than stepping through fine adjustments.
 */
// The timeline's playhead (t) moves many times a second while it plays: one entry, not hundreds.
const REPLACE_ONLY = new Set(['mark', 'pi', 'dock', 'layout', 'pin', 'cypher', 'cparams', 'tv', 'pos', 't']);

const list = (value: string | null) => (value ? value.split(',').filter((x) => x !== '') : []);
const ids = (value: string | null) => list(value).filter((x) => ID.test(x));
const oneOf = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T =>
  allowed.includes(value as T) ? (value as T) : fallback;
const int = (value: string | null, min: number, max: number, fallback: number) => {
  const n = value === null ? NaN : Number.parseInt(value, 10);
  return Number.isFinite(n) && n >= min && n <= max ? n : fallback;
};
const year = (value: string | null) => (value && /^\d{4}$/.test(value) ? Number(value) : null);
const yearOrMonth = (value: string | null) =>
  value && /^\d{4}(-(0[1-9]|1[0-2]))?$/.test(value) ? value : null;

export function viewToParams(view: ViewState): URLSearchParams {
  const p = new URLSearchParams();
  if (view.mode === 'explore') p.set('view', 'explore');
  if (view.seeds.length) p.set('seeds', view.seeds.join(','));
  const expanded = Object.entries(view.expanded);
  if (expanded.length) p.set('exp', expanded.map(([id, limit]) => `${id}:${limit}`).join(','));
  if (view.hidden.length) p.set('hide', view.hidden.join(','));
  if (view.pinned.length) p.set('pin', view.pinned.join(','));
  const pos = view.moved ? encodePositions(view.moved, view.seeds) : '';
  if (pos) p.set('pos', pos);
  if (view.selected) p.set('sel', view.selected);
  if (view.selectedEdge) p.set('edge', view.selectedEdge);
  if (view.layout !== 'fcose') p.set('layout', view.layout);
  if (view.tab !== 'details') p.set('tab', view.tab);
  if (view.reader) {
    p.set('src', view.reader.sourceId);
    if (view.reader.mark) p.set('mark', `${view.reader.mark.start}-${view.reader.mark.end}`);
    if (view.reader.dock !== 'side') p.set('dock', view.reader.dock);
  }
  if (view.list) p.set('list', '1');
  if (view.map) p.set('map', '1');
  const { path, filters } = view;
  if (path.from) p.set('pfrom', path.from);
  if (path.to) p.set('pto', path.to);
  if (path.maxHops !== DEFAULT_MAX_HOPS) p.set('hops', String(path.maxHops));
  if (path.k !== DEFAULT_K) p.set('k', String(path.k));
  if (path.asserters) p.set('pva', '1');
  if (path.index !== 0) p.set('pi', String(path.index));
  if (filters.hiddenKinds.length) p.set('xk', filters.hiddenKinds.join(','));
  if (filters.hiddenRels.length) p.set('xr', filters.hiddenRels.join(','));
  if (filters.hiddenStances.length) p.set('xs', filters.hiddenStances.join(','));
  if (filters.yearFrom !== null) p.set('y0', String(filters.yearFrom));
  if (filters.yearTo !== null) p.set('y1', String(filters.yearTo));
  if (!filters.undated) p.set('undated', '0');
  if (filters.until) p.set('t', filters.until);
  if (view.page !== 'explore') p.set('page', view.page);
  const wb = view.workbench;
  if (wb.tab !== 'query') p.set('wb', wb.tab);
  if (wb.cypher) p.set('cypher', wb.cypher);
  if (wb.params) p.set('cparams', wb.params);
  if (wb.template) p.set('tpl', wb.template);
  const values = Object.entries(wb.values).filter(([, value]) => value !== '');
  if (values.length) p.set('tv', values.map(([name, value]) => `${name}:${value}`).join(','));
  // Steps are counted from 1 in the URL, as people count them.
  if (view.story) {
    p.set('story', view.story.id);
    p.set('step', String(view.story.step + 1));
  }
  if (view.story && view.presenting) p.set('present', '1');
  return p;
}

export function viewToSearch(view: ViewState): string {
  const text = viewToParams(view).toString().replaceAll('%2C', ',').replaceAll('%3A', ':');
  return text ? `?${text}` : '';
}

/** Reads a view from a query string; anything malformed falls back to the default, never throws. */
export function searchToView(search: string): ViewState {
  const p = new URLSearchParams(search);
  const expanded: Record<string, number> = {};
  for (const item of list(p.get('exp'))) {
    const [id = '', limit] = item.split(':');
    if (ID.test(id)) expanded[id] = int(limit ?? null, 1, 500, NEIGHBOR_PAGE);
  }
  const seeds = ids(p.get('seeds'));
  const src = p.get('src');
  const mark = /^(\d+)-(\d+)$/.exec(p.get('mark') ?? '');
  const story = ids(p.get('story'))[0] ?? null;
  const moved = decodePositions(p.get('pos'), seeds);
  return {
    mode: p.get('view') === 'explore' || seeds.length > 0 ? 'explore' : 'overview',
    seeds,
    expanded,
    hidden: ids(p.get('hide')),
    pinned: ids(p.get('pin')),
    selected: ids(p.get('sel'))[0] ?? null,
    selectedEdge: ids(p.get('edge'))[0] ?? null,
    layout: oneOf(p.get('layout'), LAYOUTS, 'fcose'),
    tab: oneOf(p.get('tab'), TABS, 'details'),
    reader:
      src && src.length <= 200
        ? {
            sourceId: src,
            mark: mark ? { start: Number(mark[1]), end: Number(mark[2]) } : null,
            dock: oneOf<Dock>(p.get('dock'), ['side', 'bottom'], 'side'),
          }
        : null,
    list: p.get('list') === '1',
    ...(p.get('map') === '1' ? { map: true } : {}),
    path: {
      from: ids(p.get('pfrom'))[0] ?? null,
      to: ids(p.get('pto'))[0] ?? null,
      maxHops: int(p.get('hops'), 1, 6, DEFAULT_MAX_HOPS),
      k: int(p.get('k'), 1, 10, DEFAULT_K),
      ...(p.get('pva') === '1' ? { asserters: true } : {}),
      index: int(p.get('pi'), 0, 9, 0),
    },
    filters: {
      hiddenKinds: list(p.get('xk')).filter((k): k is EntityKind => KINDS.includes(k as EntityKind)),
      hiddenRels: list(p.get('xr')).filter((r) => /^[A-Z][A-Z0-9_]*$/.test(r)),
      hiddenStances: list(p.get('xs')).filter((s): s is Stance => STANCES.includes(s as Stance)),
      yearFrom: year(p.get('y0')),
      yearTo: year(p.get('y1')),
      undated: p.get('undated') !== '0',
      ...(yearOrMonth(p.get('t')) ? { until: yearOrMonth(p.get('t')) } : {}),
    },
    story: story ? { id: story, step: int(p.get('step'), 1, 200, 1) - 1 } : null,
    presenting: story !== null && p.get('present') === '1',
    ...(Object.keys(moved).length ? { moved } : {}),
    page: (['query', 'resolve', 'import'] as const).find((page) => page === p.get('page')) ?? 'explore',
    workbench: {
      tab: oneOf(p.get('wb'), WORKBENCH_TABS, 'query'),
      cypher: (p.get('cypher') ?? '').slice(0, 20_000),
      params: (p.get('cparams') ?? '').slice(0, 20_000),
      template: ids(p.get('tpl'))[0] ?? null,
      // Template values are entity ids and whole numbers, so neither ':' nor ',' occurs in them.
      values: Object.fromEntries(
        list(p.get('tv'))
          .map((item) => item.split(':'))
          .filter((pair): pair is [string, string] => pair.length === 2 && /^\w+$/.test(pair[0] ?? ''))
          .filter(([, value]) => /^[a-z0-9-]{1,200}$/.test(value)),
      ),
    },
  };
}

/** Whether a change from one URL to the next is a new view (push) or an adjustment (replace). */
export function historyMode(before: string, after: string): 'push' | 'replace' {
  const a = new URLSearchParams(before);
  const b = new URLSearchParams(after);
  const keys = new Set([...a.keys(), ...b.keys()]);
  for (const key of keys) {
    if (!REPLACE_ONLY.has(key) && a.get(key) !== b.get(key)) return 'push';
  }
  return 'replace';
}

/** True when the page was opened without any view in its URL (show the starting graph and a hint). */
export const openedWithoutView = typeof location !== 'undefined' && location.search === '';

/**
 * While the timeline plays, the URL follows its playhead at most this often (the latest step last;
 * a pause writes it at once): a history write costs several milliseconds of a frame, and Chromium
 * refuses a page more than about 100 of them in 10 seconds; at 8× the playhead steps 16 times a second.
 */
export const PLAYHEAD_URL_MS = 1000;

let flush: (() => void) | null = null;

/** Writes a playhead step still waiting for the URL now (the timeline was paused: copy-ready). */
export function flushUrl(): void {
  flush?.();
}

/**
 * Keeps the URL and the view store in step: store changes write the URL (pushState for new views,
 * replaceState for adjustments), and Back/Forward (popstate) put the URL's view into the store.
 */
export function startUrlSync(): () => void {
  useView.getState().replaceView(searchToView(location.search));
  // A normalised URL from the start, so the first Back does not land on an equivalent spelling.
  history.replaceState(null, '', `${location.pathname}${viewToSearch(currentView())}${location.hash}`);

  let applying = false;
  let waiting: ReturnType<typeof setTimeout> | null = null;
  let written = 0;
  const write = () => {
    if (waiting) clearTimeout(waiting);
    waiting = null;
    const next = viewToSearch(currentView());
    if (next === location.search) return;
    written = performance.now();
    const url = `${location.pathname}${next}${location.hash}`;
    if (historyMode(location.search, next) === 'push') history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  };
  flush = write;
  const unsubscribe = useView.subscribe((state, before) => {
    if (applying) return;
    if (samePlayheadAside(pickView(state), pickView(before))) {
      const wait = written + PLAYHEAD_URL_MS - performance.now();
      if (wait > 0) {
        waiting ??= setTimeout(write, wait);
        return;
      }
    }
    write();
  });
  const onPop = () => {
    applying = true;
    try {
      useView.getState().replaceView(searchToView(location.search));
    } finally {
      applying = false;
    }
  };
  window.addEventListener('popstate', onPop);
  return () => {
    unsubscribe();
    if (waiting) clearTimeout(waiting);
    flush = null;
    window.removeEventListener('popstate', onPop);
  };
}
