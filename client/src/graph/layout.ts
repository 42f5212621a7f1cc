// The page's side of the layout worker (layout-worker.ts): one worker for the life of the page,
// started with the first force-directed layout. Nodes cross as indices and numbers in typed arrays
// (no object per node each way), and the positions come back in one transferred Float64Array.

/** One fcose run: node i has id ids[i] and box (w, h) centred at (x, y), at boxes[4i..4i+3]. */
export interface LayoutJob {
  ids: string[];
  boxes: Float64Array;
  /** Links as pairs of node indices: source, target. */
  edges: Int32Array;
  /** fcose's options: plain data only (no functions), as they cross to the worker. */
  options: Record<string, unknown>;
  /** Seeds the layout's randomness: the same graph is laid out the same way every time. */
  seed: number;
}

export type WorkerRequest =
  | ({ type: 'layout'; id: number } & LayoutJob)
  | { type: 'communities'; id: number; count: number; edges: Int32Array; seed: number };

export type WorkerReply =
  | { id: number; positions: Float64Array }
  | { id: number; communities: Int32Array }
  | { id: number; error: string };

type Answer = Float64Array | Int32Array;

export class LayoutWorker {
  private readonly worker: Worker;
  private next = 1;
  private readonly waiting = new Map<number, { done(a: Answer): void; fail(e: Error): void }>();

  private constructor(worker: Worker) {
    this.worker = worker;
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (!waiter) return;
      if ('error' in reply) waiter.fail(new Error(reply.error));
      else waiter.done('positions' in reply ? reply.positions : reply.communities);
    };
    // A worker that cannot load (or dies) fails every job it was given; the page lays out itself.
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

  /** Ends the worker, and any job it runs; whoever waits is told it failed. */
  stop(): void {
    this.worker.terminate();
    for (const waiter of this.waiting.values()) waiter.fail(new Error('the layout was stopped'));
    this.waiting.clear();
    this.broken = true;
  }

  private ask(request: WorkerRequest, transfer: Transferable[]): Promise<Answer> {
    return new Promise<Answer>((done, fail) => {
      this.waiting.set(request.id, { done, fail });
      this.worker.postMessage(request, transfer);
    });
  }

  /** fcose over the job's nodes: their centres, x and y for node i at [2i] and [2i+1]. */
  async run(job: LayoutJob): Promise<Float64Array> {
    const answer = await this.ask({ type: 'layout', id: this.next++, ...job }, [
      job.boxes.buffer,
      job.edges.buffer,
    ]);
    if (!(answer instanceof Float64Array)) throw new Error('the layout worker answered the wrong question');
    return answer;
  }

  /** Each node's community (communities.ts), numbered from 0 for the largest. */
  async communities(count: number, edges: Int32Array, seed: number): Promise<Int32Array> {
    const answer = await this.ask({ type: 'communities', id: this.next++, count, edges, seed }, [
      edges.buffer,
    ]);
    if (!(answer instanceof Int32Array)) throw new Error('the layout worker answered the wrong question');
    return answer;
  }
}
