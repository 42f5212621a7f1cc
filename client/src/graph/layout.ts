// The page's side of the layout worker (layout-worker.ts): one worker for the life of the page,
// started with the graph so that it has loaded by the time the first graph arrives.

export interface LayoutRequest {
  id: number;
  nodes: { id: string; w: number; h: number; x: number; y: number }[];
  edges: { id: string; source: string; target: string }[];
  /** fcose's options: plain data only (no functions), as they cross to the worker. */
  options: Record<string, unknown>;
}

export type LayoutReply =
  { id: number; positions: Record<string, { x: number; y: number }> } | { id: number; error: string };

type Positions = Record<string, { x: number; y: number }>;

export class LayoutWorker {
  private readonly worker: Worker;
  private next = 1;
  private readonly waiting = new Map<number, { done(p: Positions): void; fail(e: Error): void }>();

  private constructor(worker: Worker) {
    this.worker = worker;
    worker.onmessage = (event: MessageEvent<LayoutReply>) => {
      const reply = event.data;
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (!waiter) return;
      if ('error' in reply) waiter.fail(new Error(reply.error));
      else waiter.done(reply.positions);
    };
    // A worker that cannot load (or dies) fails every layout it was given; the page lays out itself.
    worker.onerror = () => {
      for (const waiter of this.waiting.values()) waiter.fail(new Error('the layout worker failed'));
      this.waiting.clear();
      this.broken = true;
    };
  }

  broken = false;

  /** A worker when the browser can run one, else null (the caller lays out on the main thread). */
  static start(): LayoutWorker | null {
    if (typeof Worker === 'undefined') return null;
    try {
      return new LayoutWorker(
        new Worker(new URL('./layout-worker.ts', import.meta.url), { type: 'module', name: 'layout' }),
      );
    } catch {
      return null;
    }
  }

  /** Ends the worker, and any layout it runs; whoever waits is told it failed. */
  stop(): void {
    this.worker.terminate();
    for (const waiter of this.waiting.values()) waiter.fail(new Error('the layout was stopped'));
    this.waiting.clear();
    this.broken = true;
  }

  run(request: Omit<LayoutRequest, 'id'>): Promise<Positions> {
    const id = this.next++;
    return new Promise<Positions>((done, fail) => {
      this.waiting.set(id, { done, fail });
      this.worker.postMessage({ ...request, id } satisfies LayoutRequest);
    });
  }
}
