import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ID_PATTERN, isStatementType, MENTIONED_IN, RELATIONSHIP_TYPE_PATTERN } from './index.js';

const root = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('the stored model', () => {
  it('is the only place that spells the id and type patterns and the mention type', () => {
    // Hand copies drift apart (the type pattern had two spellings); every module imports model/.
    const copies = /\^\[a-z0-9\]\+\(-\[a-z0-9\]\+\)\*\$|\^\[A-Z\]\[A-Z0-9|['"`:]MENTIONED_IN\b/;
    const offenders = ['contract', 'server', 'seed', 'bench']
      .flatMap((dir) => sourceFiles(join(root, dir)))
      .filter((file) => copies.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(offenders).toEqual([]);
  });

  it('keeps mentions and malformed names out of statement types', () => {
    expect(isStatementType('APPOINTED_TO')).toBe(true);
    expect(isStatementType(MENTIONED_IN)).toBe(false);
    expect(isStatementType('appointed_to')).toBe(false);
    expect(isStatementType('A__B')).toBe(false);
    expect(RELATIONSHIP_TYPE_PATTERN.test('X) DELETE n //')).toBe(false);
    expect(ID_PATTERN.test('chen-quanguo')).toBe(true);
    expect(ID_PATTERN.test('Chen Quanguo')).toBe(false);
  });
});
