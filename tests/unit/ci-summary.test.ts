// CI reads only the closing line of .ci/run; a step that failed must show in it as a failure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summary } from '../../.ci/summary.js';

describe("CI's closing line", () => {
  const report = { numPassedTests: 440, numFailedTests: 0 };

  it('says how many tests passed and failed when every step passed', () => {
    expect(summary(report, 0, 0)).toBe('tests: 440 passed, 0 failed');
    expect(summary({ numPassedTests: 438, numFailedTests: 2 }, 1, 'skipped')).toBe(
      'tests: 438 passed, 2 failed',
    );
  });

  it('counts a step that failed before the tests ran (typecheck, lint, build)', () => {
    expect(summary(null, 2, 'skipped')).toBe('tests: 0 passed, 1 failed');
  });

  it('counts vitest failing with no failed test (an unhandled error) and a failed bench', () => {
    expect(summary(report, 1, 'skipped')).toBe('tests: 440 passed, 1 failed');
    expect(summary(report, 0, 1)).toBe('tests: 440 passed, 1 failed');
    expect(summary(report, 0, 124)).toBe('tests: 440 passed, 1 failed');
  });

  it('is what .ci/run prints from the report file and the exit statuses', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trove-ci-summary-'));
    const file = join(dir, 'vitest.json');
    writeFileSync(file, JSON.stringify(report));
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', join(process.cwd(), '.ci/summary.ts'), ...args], {
        encoding: 'utf8',
      }).stdout.trim();
    expect(run(file, '0', '1')).toBe('tests: 440 passed, 1 failed');
    expect(run(join(dir, 'missing.json'), '1', 'skipped')).toBe('tests: 0 passed, 1 failed');
    expect(run(file, '0', 'skipped')).toBe('tests: 440 passed, 0 failed');
  }, 60_000);
});
