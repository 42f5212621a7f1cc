// The README quotes the last full benchmark run; its goals table must be the one generated from
// bench/results/latest.json, so a figure copied (or edited) by hand, or a stale table, fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { goalsSection, latestPath, readmePath, withSection, type BenchResult } from '../../bench/readme.js';

describe("the README's benchmark goals", () => {
  const latest = JSON.parse(readFileSync(latestPath, 'utf8')) as BenchResult;

  it('come from a full run', () => {
    expect(latest.mode).toBe('full');
  });

  it('are the table generated from bench/results/latest.json (npm run bench:readme)', () => {
    const readme = readFileSync(readmePath, 'utf8');
    expect(withSection(readme, goalsSection(latest))).toBe(readme);
  });

  it('list requests that failed under load as a goal', () => {
    const figures: BenchResult['figures'] = [
      ...latest.figures,
      {
        name: 'search (1 q/req) failed requests',
        scale: '1M',
        unit: 'req',
        trove: 3,
        baseline: 0,
        baselineLabel: 'driver, same Cypher',
        ratio: null,
        goal: 'none fail',
        met: false,
      },
    ];
    expect(goalsSection({ ...latest, figures })).toContain(
      '| 1M | search (1 q/req) failed requests | 3 req | 0 req (driver, same Cypher) | – | ❌ none fail |',
    );
  });
});
