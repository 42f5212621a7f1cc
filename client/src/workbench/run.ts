import { create } from 'zustand';
import { ApiError, isAbort } from '../api/http.js';
import { announce } from '../ui/announce.js';
import { runCypher, type CypherResponseT } from './api.js';
import { addToHistory, readHistory, type HistoryEntry } from './history.js';

export interface RunSource {
  query: string;
  params: Record<string, unknown>;
  /** What started it, for the results heading ("Template: Who asserts what about X"). */
  label: string;
}

export type RunState =
  | { status: 'idle' }
  | { status: 'running'; source: RunSource }
  | { status: 'done'; source: RunSource; response: CypherResponseT }
  | { status: 'error'; source: RunSource; error: ApiError }
  | { status: 'cancelled'; source: RunSource };

interface RunStore {
  run: RunState;
  history: HistoryEntry[];
}

/** The workbench's one query at a time: the console and the templates share it and its results. */
export const useRun = create<RunStore>()(() => ({
  run: { status: 'idle' },
  history: typeof localStorage === 'undefined' ? [] : readHistory(),
}));

let current: AbortController | null = null;

export async function startRun(source: RunSource, historyParams: string): Promise<void> {
  current?.abort();
  const controller = new AbortController();
  current = controller;
  useRun.setState({
    run: { status: 'running', source },
    history: addToHistory({ query: source.query, params: historyParams, at: Date.now() }),
  });
  try {
    const response = await runCypher(source.query, source.params, controller.signal);
    if (current !== controller) return;
    useRun.setState({ run: { status: 'done', source, response } });
    announce(
      `Query done: ${response.summary.rowCount} row${response.summary.rowCount === 1 ? '' : 's'}` +
        (response.summary.truncated ? ', cut at the row limit.' : '.'),
    );
  } catch (error) {
    if (current !== controller) return;
    if (isAbort(error)) {
      useRun.setState({ run: { status: 'cancelled', source } });
      announce('Query cancelled.');
      return;
    }
    const failure =
      error instanceof ApiError
        ? error
        : new ApiError(0, 'CLIENT', error instanceof Error ? error.message : String(error));
    useRun.setState({ run: { status: 'error', source, error: failure } });
    announce(`Query failed: ${failure.message}`);
  } finally {
    if (current === controller) current = null;
  }
}

/** Aborts the request; the server sees the connection close and stops the query in Neo4j. */
export function cancelRun(): void {
  current?.abort();
}
