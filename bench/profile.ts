// `npm run bench -- --quick --profile`: a CPU profile of the bench process taken only while Trove is
// under load (not while the bare server or the driver baseline are), and its top frames by self
// time. The app runs in the bench process, so this is the app's CPU per request, plus the recording
// driver's few proxies; the load generator runs in a child process and is not in it.
import { Session } from 'node:inspector/promises';
import { writeFile } from 'node:fs/promises';
import { relative } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface Frame {
  frame: string;
  selfMs: number;
  share: number;
}

/** Accumulates profiles of several windows (each load phase) into one. */
export class LoadProfiler {
  private session = new Session();
  private selfUs = new Map<string, number>();
  private totalUs = 0;

  async open(): Promise<void> {
    this.session.connect();
    await this.session.post('Profiler.enable');
    await this.session.post('Profiler.setSamplingInterval', { interval: 1000 });
  }

  async start(): Promise<void> {
    await this.session.post('Profiler.start');
  }

  async stop(): Promise<void> {
    const { profile } = (await this.session.post('Profiler.stop')) as unknown as { profile: Profile };
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const parent = new Map<number, ProfileNode>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
    const nameOf = (node: ProfileNode): string => {
      const { functionName, url, lineNumber } = node.callFrame;
      const where = url ? `${relative(process.cwd(), url.replace(/^file:\/\//, ''))}:${lineNumber + 1}` : '';
      return `${functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
    };
    const samples = profile.samples ?? [];
    const deltas = profile.timeDeltas ?? [];
    samples.forEach((id, index) => {
      const node = byId.get(id);
      if (!node) return;
      const us = deltas[index] ?? 0;
      // A native frame is named by its JavaScript caller: "dispatch" alone says nothing.
      let name = nameOf(node);
      let caller = parent.get(node.id);
      if (!node.callFrame.url && caller && caller.callFrame.url) name += ` ← ${nameOf(caller)}`;
      else if (!node.callFrame.url && caller) {
        caller = parent.get(caller.id);
        if (caller) name += ` ← … ← ${nameOf(caller)}`;
      }
      // The profiler's own work (starting, stopping) is not the app's.
      if (name.includes('node:inspector')) return;
      this.selfUs.set(name, (this.selfUs.get(name) ?? 0) + us);
      this.totalUs += us;
    });
  }

  top(count: number): Frame[] {
    return [...this.selfUs.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([frame, us]) => ({ frame, selfMs: us / 1000, share: us / this.totalUs }));
  }

  async write(file: string, count = 30): Promise<void> {
    const lines = [
      '| self ms | share | frame |',
      '|---|---|---|',
      ...this.top(count).map(
        (f) => `| ${f.selfMs.toFixed(0)} | ${(f.share * 100).toFixed(1)} % | \`${f.frame}\` |`,
      ),
    ];
    await writeFile(file, `${lines.join('\n')}\n`);
    this.session.disconnect();
  }
}
