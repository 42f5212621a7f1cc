// The closing line of .ci/run: `tests: N passed, N failed`. A failed step counts as a failure as
// well as a failed test: the steps of `npm test` before vitest (typecheck, lint, build), vitest
// itself when it fails with no failed test (an unhandled error, a crash, a hang), and the bench.
// Usage: node --import tsx .ci/summary.ts <vitest.json> <npm test exit status> <bench exit status|skipped>
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
}

export function summary(
  report: VitestReport | null,
  testStatus: number,
  benchStatus: number | 'skipped',
): string {
  let passed = 0;
  let failed = 0;
  if (report === null) {
    // No report: npm test stopped before vitest wrote one (typecheck, lint or build failed).
    if (testStatus !== 0) failed += 1;
  } else {
    passed = report.numPassedTests;
    failed = report.numFailedTests;
    if (testStatus !== 0 && report.numFailedTests === 0) failed += 1;
  }
  if (benchStatus !== 'skipped' && benchStatus !== 0) failed += 1;
  return `tests: ${passed} passed, ${failed} failed`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [file = 'test-results/vitest.json', test = '0', bench = 'skipped'] = process.argv.slice(2);
  const report = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as VitestReport) : null;
  console.log(summary(report, Number(test), bench === 'skipped' ? 'skipped' : Number(bench)));
}
