import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server.js';
import { startTestApp } from '../support/app.js';
import { resetToArticle } from '../support/neo4j.js';
import { casesPerOperation, isGenerationCrash, junitErrors } from '../support/schemathesis.js';

// Schemathesis (PyPI; .ci/run installs a pinned version) generates requests from the published
// /api/openapi.json and checks every answer against it: no 5xx, declared status codes, declared
// content types, bodies and headers that match the document.

const st = ['st', 'schemathesis'].find((command) => spawnSync(command, ['--version']).status === 0);
const reportDir = join(process.cwd(), 'test-results', 'schemathesis');
/**
 * Requests an operation with inputs must get, over all phases. An operation whose only input is one
 * id in its path has few distinct cases to give (DELETE /api/stories/{id} got 9 in one run, more in
 * another), so the floor is 5: still far above an operation touched only in passing.
 */
const MIN_CASES = 5;

interface Result {
  code: number | null;
  output: string;
  suite: string;
  errors: string[];
  cases: Map<string, number>;
}

if (!st && !process.env.CI) {
  console.warn(
    'schemathesis: skipped, neither `st` nor `schemathesis` is installed (python3 -m pip install schemathesis)',
  );
}

describe.skipIf(!st && !process.env.CI)('schemathesis against /api/openapi.json', () => {
  let app: RunningServer;
  beforeAll(async () => {
    app = await startTestApp({ QUERY_TIMEOUT_MS: '1000' });
  });
  afterAll(async () => {
    await app?.close(1_000);
    // It creates and deletes stories through the API; the next file expects the article's state.
    await resetToArticle();
  });

  const allChecks = [
    'not_a_server_error',
    'status_code_conformance',
    'content_type_conformance',
    'response_schema_conformance',
    'response_headers_conformance',
  ];

  function schemathesis(name: string, checks: string[], selection: string[]) {
    const args = [
      'run',
      `${app.url}/api/openapi.json`,
      '--url',
      app.url,
      ...selection,
      '--checks',
      checks.join(','),
      '--max-examples',
      '25',
      '--seed',
      '20261124',
      '--request-timeout',
      '20',
      // One worker: with the fixed seed, the same cases run here and in CI.
      '--workers',
      '1',
      '--report-junit-path',
      join(reportDir, `${name}.xml`),
      // The events say how many requests each operation got, which the summary line does not.
      '--report-ndjson-path',
      join(reportDir, `${name}.ndjson`),
    ];
    return new Promise<Result>((resolve) => {
      const child = spawn(st!, args, { env: { ...process.env, NO_COLOR: '1' } });
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        const junit = readFileSync(join(reportDir, `${name}.xml`), 'utf8');
        // The tool closes with pytest-style '=== ... in 2.25s ===' lines; in CI's log those read as a
        // test runner that ran nothing, so its output goes to a file and one plain line is printed.
        writeFileSync(join(reportDir, `${name}.log`), output);
        const cases = /(\d+) generated, (\d+) passed/.exec(output);
        console.log(
          `schemathesis ${name}: ${cases ? `${cases[1]} cases generated, ${cases[2]} conformed` : 'no case count'}, exit ${code} (output in test-results/schemathesis/${name}.log)`,
        );
        resolve({
          code,
          output,
          suite: /<testsuite[^>]*>/.exec(junit)?.[0] ?? '',
          errors: junitErrors(junit),
          cases: casesPerOperation(readFileSync(join(reportDir, `${name}.ndjson`), 'utf8')),
        });
      });
    });
  }

  /**
   * Check failures (a 5xx, an undeclared status, a body or header that departs from the document) are
   * findings about Trove and always fail, and so is every error but one: schemathesis crashing while
   * it generates a case (isGenerationCrash has the exact signature). Every operation of the selection
   * must have been exercised: one without inputs gets a single request per phase, one with inputs at
   * least MIN_CASES, so a run that tested nothing, or one operation only in passing, fails too.
   */
  async function expectNoFindings(result: Result, selected: (path: string) => boolean) {
    expect(result.suite, result.output.slice(-6000)).toMatch(/failures="0"/);
    const findings = result.errors.filter((text) => !isGenerationCrash(text));
    expect(findings.map((text) => text.slice(0, 2000))).toEqual([]);
    // Errors make schemathesis exit 1; anything else (2: it could not start, null: killed) is not ours.
    expect(result.code, result.output.slice(-6000)).toBe(result.errors.length > 0 ? 1 : 0);
    if (result.errors.length > 0) {
      console.warn(`schemathesis: ${result.errors.length} crash(es) of the tool while generating a case`);
    }
    const document = (await (await fetch(`${app.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: unknown[]; requestBody?: unknown }>>;
    };
    const expected = Object.entries(document.paths)
      .filter(([path]) => selected(path))
      .flatMap(([path, operations]) =>
        Object.entries(operations).map(([method, operation]) => ({
          label: `${method.toUpperCase()} ${path}`,
          inputs: (operation.parameters?.length ?? 0) > 0 || operation.requestBody !== undefined,
        })),
      );
    expect(expected.length).toBeGreaterThan(0);
    const tested = Object.fromEntries(expected.map(({ label }) => [label, result.cases.get(label) ?? 0]));
    const short = expected.filter(({ label, inputs }) => (tested[label] ?? 0) < (inputs ? MIN_CASES : 1));
    expect(
      short.map(({ label }) => `${label}: ${tested[label]}`),
      JSON.stringify(tested),
    ).toEqual([]);
  }

  it('finds no server error and no response that departs from the document', async () => {
    expect(st, 'schemathesis must be installed in CI (see .ci/run)').toBeDefined();
    mkdirSync(reportDir, { recursive: true });
    const result = await schemathesis('api', allChecks, ['--exclude-path', '/api/export']);
    await expectNoFindings(result, (path) => path !== '/api/export');
  }, 320_000);

  it('finds no server error and no departing body or content type from the export either', async () => {
    const result = await schemathesis('export', allChecks, ['--include-path', '/api/export']);
    await expectNoFindings(result, (path) => path === '/api/export');
  }, 320_000);
});
