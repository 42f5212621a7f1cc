import { create } from 'zustand';
import { api } from '../api/client.js';
import { ApiError } from '../api/http.js';
import { useData } from '../state/data.js';
import { useView } from '../state/view.js';
import { announce } from '../ui/announce.js';

/**
 * What the page knows about writes: a counter that every write bumps (the History panels and the
 * suggestions reload on it) and the last notice ("Undid: Merged Mr. Xi into Xi Jinping").
 */
export const useHistoryState = create<{
  revision: number;
  notice: { text: string; error: boolean } | null;
}>()(() => ({ revision: 0, notice: null }));

export function notify(text: string, error = false): void {
  useHistoryState.setState({ notice: { text, error } });
  announce(text);
}

/**
 * After a write the cached graph may be stale anywhere (a merge moves links, an undo brings an
 * entity back): forget it all, so what is on screen is asked again, and tell the history panels.
 */
export function afterWrite(): void {
  useData.setState({
    nodes: {},
    edges: {},
    overview: undefined,
    neighborhoods: {},
    entities: {},
    links: {},
    paths: {},
  });
  useHistoryState.setState((s) => ({ revision: s.revision + 1 }));
}

/** Runs a write, then refreshes, shows and announces its result; failures become a visible notice. */
export async function runWrite<T extends { summary: string }>(write: () => Promise<T>): Promise<T | null> {
  try {
    const result = await write();
    afterWrite();
    notify(result.summary);
    return result;
  } catch (error) {
    notify(error instanceof ApiError ? error.message : String(error), true);
    return null;
  }
}

/** Undo (or redo) the last write; the graph keeps showing what it showed, refreshed. */
export async function step(direction: 'undo' | 'redo'): Promise<void> {
  const result = await runWrite(() => api(direction, {}));
  // A merge undone brings the merged entity back: show it beside the survivor.
  const view = useView.getState();
  if (result && view.page === 'explore') {
    for (const id of result.subjects)
      if (!view.seeds.includes(id) && view.selected === id) view.addToView(id);
  }
}
