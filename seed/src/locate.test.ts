import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { locateDataset } from './locate.js';

// The source uses curly quotes, as the article does; the curator types straight ones.
const SOURCE = 'The leaders said “no mercy” to them. It’s the party’s line. Later came the papers.\n';
const HASH = `sha256:${createHash('sha256').update(Buffer.from(SOURCE, 'utf8')).digest('hex')}`;

const DATASET = `format: trove-dataset/2
description: A small dataset for the locate helper.
sources:
  - id: speech
    path: speech.txt   # next to the dataset
    title: A speech
    publisher: Nobody
    contentHash: sha256:0000000000000000000000000000000000000000000000000000000000000000
entities: []
relationships:
  - id: leaders-said-no-mercy
    type: SAID
    from: leaders
    to: them
    description: The leaders said "no mercy".
    claims:
      # straight quotes where the source has curly ones
      - source: speech
        quote: 'said "no mercy" to them. It''s the party'
  - id: leaders-published-papers
    type: PUBLISHED
    from: leaders
    to: papers
    description: The papers came later.
    claims:
      - source: speech
        quote: Later came the papers.
mentions:
  - entity: leaders
    source: speech
    quote: the leaders of the world
`;

/** The 1-based line of the first line of the file that contains `text`. */
function lineOfText(file: string, text: string): number {
  return file.split('\n').findIndex((line) => line.includes(text)) + 1;
}

describe('locate: offsets, content hashes and quotation marks, with file:line', () => {
  let dir: string;
  let datasetPath: string;
  let out: string[];
  let err: string[];
  const run = (fixQuotes = false): Promise<number> =>
    locateDataset(datasetPath, { fixQuotes, out: (l) => out.push(l), err: (l) => err.push(l) });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trove-locate-'));
    datasetPath = join(dir, 'dataset.yaml');
    await writeFile(join(dir, 'speech.txt'), SOURCE);
    await writeFile(datasetPath, DATASET);
    out = [];
    err = [];
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('corrects a wrong contentHash and says where', async () => {
    await run();
    const data = parse(await readFile(datasetPath, 'utf8')) as { sources: { contentHash: string }[] };
    expect(data.sources[0]?.contentHash).toBe(HASH);
    const line = lineOfText(DATASET, 'contentHash:');
    expect(out).toContainEqual(
      expect.stringContaining(`${datasetPath}:${line}: sources[0] "speech": contentHash`),
    );
    expect(out.join('\n')).toContain(`to ${HASH}`);
  });

  it('fills a missing contentHash on its own line, keeping the comment on the path line', async () => {
    await writeFile(datasetPath, DATASET.replace(/ {4}contentHash: .*\n/, ''));
    await run();
    const text = await readFile(datasetPath, 'utf8');
    expect(text).toContain(`    path: speech.txt   # next to the dataset\n    contentHash: ${HASH}\n`);
  });

  it('fills offsets of a quote that occurs once', async () => {
    await run();
    const text = await readFile(datasetPath, 'utf8');
    const claim = (
      parse(text) as { relationships: { claims: { quote: string; start: number; end: number }[] }[] }
    ).relationships[1]?.claims[0];
    expect(claim && SOURCE.slice(claim.start, claim.end)).toBe('Later came the papers.');
    expect(out).toContainEqual(
      expect.stringMatching(
        /relationships\[1\] "leaders-published-papers": claims\[0\]: start: \d+, end: \d+ filled/,
      ),
    );
  });

  it("suggests the source's curly quotes for a straight-quoted quote, with its line, and exits non-zero", async () => {
    expect(await run()).toBe(1);
    const line = lineOfText(DATASET, `quote: 'said "no mercy"`);
    expect(err).toContainEqual(
      `${datasetPath}:${line}: relationships[0] "leaders-said-no-mercy": claims[0]: quote not found; the source has it with its own quotation marks: quote: 'said “no mercy” to them. It’s the party' (--fix-quotes writes it)`,
    );
    // Without the flag the quote is left as written, and gets no offsets.
    const text = await readFile(datasetPath, 'utf8');
    expect(text).toContain(`quote: 'said "no mercy" to them. It''s the party'\n  - id:`);
  });

  it('with --fix-quotes writes the curly quote in place, with offsets, comments kept', async () => {
    await writeFile(datasetPath, DATASET.replace('the leaders of the world', 'leaders said'));
    expect(await run(true)).toBe(0);
    const text = await readFile(datasetPath, 'utf8');
    expect(text).toContain(
      "        quote: 'said “no mercy” to them. It’s the party'\n        start: 12\n        end: 51\n",
    );
    expect(text).toContain('# straight quotes where the source has curly ones');
    expect(SOURCE.slice(12, 51)).toBe('said “no mercy” to them. It’s the party');
    // Running it again changes nothing.
    await run(true);
    expect(await readFile(datasetPath, 'utf8')).toBe(text);
  });

  it('with --fix-quotes keeps a folded quote folded, and turns curly into straight where the source has straight', async () => {
    await writeFile(join(dir, 'speech.txt'), `${SOURCE}It was "plain" talk.\n`);
    const folded = DATASET.replace(
      `quote: 'said "no mercy" to them. It''s the party'`,
      `quote: >-\n          said "no mercy"\n          to them.\n`,
    ).replace('the leaders of the world', 'It was “plain” talk.');
    await writeFile(datasetPath, folded);
    expect(await run(true)).toBe(0);
    const text = await readFile(datasetPath, 'utf8');
    expect(text).toContain(
      '        quote: >-\n          said “no mercy”\n          to them.\n        start: 12\n        end: 36\n',
    );
    expect(text).toContain('    quote: It was "plain" talk.\n    start: ');
  });

  it('reports a quote found nowhere with its line and exits non-zero', async () => {
    expect(await run(true)).toBe(1);
    const line = lineOfText(DATASET, 'quote: the leaders of the world');
    expect(err).toContainEqual(
      `${datasetPath}:${line}: mentions[0] "leaders": quote not found in "speech": "the leaders of the world"`,
    );
  });
});
