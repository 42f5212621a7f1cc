import { describe, expect, it } from 'vitest';
import type { LoadProgress } from './load.js';
import { progressPrinter } from './progress.js';

function run(tty: boolean, steps: [ms: number, progress: LoadProgress][]): string {
  let out = '';
  let clock = 0;
  const print = progressPrinter(
    tty,
    (text) => (out += text),
    () => clock,
  );
  for (const [ms, progress] of steps) {
    clock = ms;
    print(progress);
  }
  return out;
}

const at = (phase: LoadProgress['phase'], done: number, relationships = 0): LoadProgress => ({
  phase,
  done,
  total: 4000,
  relationships,
});

describe('progressPrinter', () => {
  it('redraws one line on a terminal, with phase, counts, percent and rel/s, and ends it', () => {
    const out = run(true, [
      [10, at('entities', 500)],
      [50, at('entities', 600)], // within 100 ms of the last draw: skipped
      [1000, at('relationships', 2000, 1000)],
      [2000, at('mentions', 4000, 2000)],
    ]);
    const lines = out.split('\r').filter(Boolean);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('entities');
    expect(lines[0]).toContain('500/4,000  12%');
    expect(lines[1]).toMatch(/relationships\s+\[#{10}\.{10}\] 2,000\/4,000 {2}50% {2}1,000 rel\/s/);
    expect(lines[2]).toMatch(/mentions .*4,000\/4,000 100% {2}1,000 rel\/s\n$/);
    expect(out.split('\n')).toHaveLength(2);
  });

  it('prints plain lines when a phase starts and every five seconds otherwise', () => {
    const out = run(false, [
      [0, at('entities', 100)],
      [1000, at('entities', 200)],
      [1500, at('relationships', 1100, 100)],
      [3000, at('relationships', 2000, 1000)],
      [7000, at('relationships', 3000, 2000)],
      [8000, at('mentions', 4000, 2000)],
    ]);
    expect(out).not.toContain('\r');
    expect(out.split('\n').filter(Boolean)).toEqual([
      '  entities 100/4,000 (2%) 100,000 rows/s',
      '  relationships 1,100/4,000 (27%) 67 rel/s',
      '  relationships 3,000/4,000 (75%) 286 rel/s',
      '  mentions 4,000/4,000 (100%) 250 rel/s',
    ]);
  });
});
