import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
// The logger as `npm start` makes it (no destination given), logging one request line and a secret.
const program = `
import { createLogger } from './server/src/logger.ts';
const logger = createLogger('info');
logger.info({ req: { method: 'GET', url: '/api/search?q=x' }, res: { statusCode: 200 }, responseTime: 4,
  password: 'hunter2' }, 'GET /api/search?q=x 200 4 ms');
logger.flush?.();
`;

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', timeout: 30_000 });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

describe('the log of npm start', () => {
  it('is one JSON object per line when stdout is not a terminal, with secrets redacted', () => {
    const out = run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', program]);
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    expect(entry).toMatchObject({
      level: 30,
      msg: 'GET /api/search?q=x 200 4 ms',
      req: { method: 'GET', url: '/api/search?q=x' },
      res: { statusCode: 200 },
      responseTime: 4,
      password: '[redacted]',
    });
  });

  // util-linux `script` runs the program on a pseudo-terminal, as a person's shell would.
  it.skipIf(!existsSync('/usr/bin/script'))('is a short readable line on a terminal', () => {
    const command = `${process.execPath} --import tsx --input-type=module -e "${program.replaceAll('\n', ' ').replaceAll('"', '\\"')}"`;
    const out = run('/usr/bin/script', ['-qec', command, '/dev/null'])
      // Colours and the terminal's carriage returns are not what is being tested.
      // eslint-disable-next-line no-control-regex
      .replace(/\x1b\[[0-9;]*m/g, '')
      .replaceAll('\r', '');
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: GET \/api\/search\?q=x 200 4 ms/);
    expect(out).not.toContain('hunter2');
  });
});
