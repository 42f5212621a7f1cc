// Curator's helper: computes quote offsets so nobody counts characters by hand.
//
//   npx tsx seed/src/locate.ts [--fix-quotes] <dataset.yaml>   fill in offsets and content hashes
//   npx tsx seed/src/locate.ts --source <file> <quote>         print where a quote occurs in a text
//
// In the dataset, a claim (or format 1 evidence item) or mention written as `{source, quote}` gets
// `start` and `end` when the quote occurs exactly once; when it occurs more than once, add `in: <a
// longer text around it>` (the quote's first occurrence inside the only occurrence of that text) or
// `occurrence: n` (1-based) to pick one, and the helper replaces the hint with the offsets. Each
// source's `contentHash` is filled or corrected. A quote that is not in the source but is with the
// other kind of quotation marks (straight " ' against curly “ ” ‘ ’) gets the source's spelling
// suggested, and written with --fix-quotes. Every change and problem is printed as
// `file:line: record: what`. The file is edited as text, not re-serialised, so comments, folding and
// layout stay as the curator wrote them.
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Pair,
  type Scalar,
  type YAMLMap,
} from 'yaml';
import { displayPath, lineFinder, sha256 } from './read.js';
import { formatError, normaliseQuotes, quoteProblem, type PathSegment } from './validate.js';

export interface LocateOptions {
  /** Write the source's spelling of a quote that differs only in quotation marks. */
  fixQuotes?: boolean;
  /** Where changes and the summary go (default: stdout). */
  out?: (line: string) => void;
  /** Where problems go (default: stderr). */
  err?: (line: string) => void;
}

function occurrences(text: string, quote: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) found.push(at);
  return found;
}

/** How the source spells a quote that it has only with other quotation marks (or spaces). */
export function quoteVariants(text: string, quote: string): string[] {
  // normaliseQuotes replaces one UTF-16 unit by one, so offsets in the normalised text are the source's.
  const found = occurrences(normaliseQuotes(text), normaliseQuotes(quote));
  return [...new Set(found.map((at) => text.slice(at, at + quote.length)))].filter((v) => v !== quote);
}

/** A quote as a YAML value the curator can paste. */
function yamlQuote(quote: string): string {
  return `'${quote.replace(/'/g, "''")}'`;
}

async function locateInText(file: string, quote: string): Promise<number> {
  const text = await readFile(file, 'utf8');
  const found = occurrences(text, quote);
  if (found.length === 0) {
    const variants = quoteVariants(text, quote);
    const hint = variants.length > 0 ? `; the source has ${variants.map(yamlQuote).join(' or ')}` : '';
    console.error(`not found: ${JSON.stringify(quote)}${hint}`);
    return 1;
  }
  for (const start of found) console.log(`start: ${start}, end: ${start + quote.length}`);
  return 0;
}

interface Edit {
  from: number;
  to: number;
  text: string;
}

/** Applies edits given in offsets of a larger text of which `text` starts at `base`. */
function applyEdits(text: string, edits: readonly Edit[], base = 0): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.from - a.from))
    out = out.slice(0, e.from - base) + e.text + out.slice(e.to - base);
  return out;
}

function sliceWith(text: string, from: number, to: number, edits: readonly Edit[]): string {
  return applyEdits(
    text.slice(from, to),
    edits.filter((e) => e.from >= from && e.to <= to),
    from,
  );
}

const HINTS = new Set(['in', 'occurrence']);

function keyOf(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : '';
}

function pairRange(yamlText: string, pair: Pair): [number, number] | undefined {
  const key = isScalar(pair.key) ? pair.key.range : undefined;
  const value = (pair.value as { range?: [number, number, number] } | null)?.range;
  if (!key || !value) return undefined;
  // A block scalar's range takes in the line breaks after it, which belong to the layout.
  let end = value[1];
  while (end > key[0] && /\s/.test(yamlText.charAt(end - 1))) end -= 1;
  return [key[0], end];
}

/** The indentation of a block map's keys. */
function indentOf(yamlText: string, keyStart: number): string {
  return ' '.repeat(keyStart - (yamlText.lastIndexOf('\n', keyStart - 1) + 1));
}

/**
 * The text edit that removes the hints of a map and adds start/end, keeping the map's style;
 * `inner` edits (a quote's new spelling) are applied to the pairs that are kept.
 */
function offsetEdit(
  yamlText: string,
  map: YAMLMap,
  start: number,
  end: number,
  inner: readonly Edit[] = [],
): Edit | undefined {
  const kept: string[] = [];
  for (const pair of map.items) {
    const range = pairRange(yamlText, pair);
    if (!range) return undefined;
    if (!HINTS.has(keyOf(pair))) kept.push(sliceWith(yamlText, range[0], range[1], inner));
  }
  const firstPair = map.items[0];
  const lastPair = map.items.at(-1);
  const first = firstPair && pairRange(yamlText, firstPair);
  const last = lastPair && pairRange(yamlText, lastPair);
  if (!first || !last) return undefined;
  if (map.flow) {
    return { from: first[0], to: last[1], text: [...kept, `start: ${start}`, `end: ${end}`].join(', ') };
  }
  // Block map: one pair per line at the indentation of the first key.
  return {
    from: first[0],
    to: last[1],
    text: [...kept, `start: ${start}`, `end: ${end}`].join(`\n${indentOf(yamlText, first[0])}`),
  };
}

/** The edit that sets a source's contentHash: in place, or on a new line after `path`. */
function hashEdit(yamlText: string, map: YAMLMap, hash: string): Edit | undefined {
  const stored = map.items.find((p) => keyOf(p) === 'contentHash');
  if (stored) {
    const range = isScalar(stored.value) ? stored.value.range : undefined;
    return range ? { from: range[0], to: range[1], text: hash } : undefined;
  }
  const pathPair = map.items.find((p) => keyOf(p) === 'path');
  const range = pathPair && pairRange(yamlText, pathPair);
  if (!range) return undefined;
  if (map.flow) return { from: range[1], to: range[1], text: `, contentHash: ${hash}` };
  // After the line of `path`, so that a comment at its end stays with it.
  const pair = `${indentOf(yamlText, range[0])}contentHash: ${hash}`;
  const eol = yamlText.indexOf('\n', range[1]);
  return eol === -1
    ? { from: yamlText.length, to: yamlText.length, text: `\n${pair}` }
    : { from: eol + 1, to: eol + 1, text: `${pair}\n` };
}

// How a quotation mark is written inside a quoted YAML scalar, where it is not itself.
const ESCAPED: Record<string, Record<string, string>> = {
  QUOTE_SINGLE: { "'": "''" },
  QUOTE_DOUBLE: { '"': '\\"' },
};

/**
 * The edit that changes a quote scalar's quotation marks in place, keeping its style and folding.
 * Undefined when that cannot be done safely (escapes, or a change of spaces, which folding hides).
 */
function scalarEdit(yamlText: string, node: Scalar, next: string): Edit | undefined {
  const old = node.value;
  if (!node.range || typeof old !== 'string' || old.length !== next.length) return undefined;
  const from = node.range[0];
  // As in pairRange: the line breaks after a block scalar are not the quote's.
  let to = node.range[1];
  while (to > from && /\s/.test(yamlText.charAt(to - 1))) to -= 1;
  const source = yamlText.slice(from, to);
  const type = node.type ?? 'PLAIN';
  if (type === 'QUOTE_DOUBLE' && /\\[^"]/.test(source)) return undefined;
  const written = (c: string): string => ESCAPED[type]?.[c] ?? c;
  const bodyStart = type.startsWith('QUOTE') ? 1 : type.startsWith('BLOCK') ? source.indexOf('\n') + 1 : 0;
  const inner: Edit[] = [];
  for (let i = 0; i < old.length; i += 1) {
    const was = old.charAt(i);
    const now = next.charAt(i);
    if (was === now) continue;
    if (/\s/.test(was) || /\s/.test(now)) return undefined;
    // Quotation marks are never folded, so the k-th one in the value is the k-th one in the text.
    let at = -1;
    for (let k = old.slice(0, i).split(was).length - 1, p = bodyStart; k >= 0; k -= 1) {
      at = source.indexOf(written(was), p);
      if (at === -1) return undefined;
      p = at + written(was).length;
    }
    inner.push({ from: from + at, to: from + at + written(was).length, text: written(now) });
  }
  return { from, to, text: sliceWith(yamlText, from, to, inner) };
}

/** Fills offsets and content hashes of a dataset in place; returns the exit code. */
export async function locateDataset(datasetPath: string, options: LocateOptions = {}): Promise<number> {
  const out = options.out ?? ((line: string) => console.log(line));
  const err = options.err ?? ((line: string) => console.error(line));
  const absolute = resolve(datasetPath);
  const file = displayPath(absolute);
  const yamlText = await readFile(absolute, 'utf8');
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      // The message's first line, without the position that the line number already gives.
      const problem = (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, '');
      err(formatError({ file, record: '(YAML)', problem, line: e.linePos?.[0].line }));
    }
    return 1;
  }
  const lineOf = lineFinder(doc, counter);
  const edits: Edit[] = [];
  // Every quote edited or given offsets, to read back before the file is written.
  const expected: { path: PathSegment[]; quote: string }[] = [];
  const count = { offsets: 0, hashes: 0, quotes: 0, problems: 0 };
  const problem = (record: string, path: PathSegment[], text: string): void => {
    count.problems += 1;
    err(formatError({ file, record, problem: text, line: lineOf(path) }));
  };
  // Changes are printed once they are written, problems at once.
  const changes: string[] = [];
  const change = (record: string, path: PathSegment[], text: string): void =>
    void changes.push(formatError({ file, record, problem: text, line: lineOf(path) }));

  const texts = new Map<string, string>();
  const sources = doc.get('sources');
  if (isSeq(sources)) {
    for (const [i, item] of sources.items.entries()) {
      if (!isMap(item)) continue;
      const id = item.get('id');
      const path = item.get('path');
      if (typeof id !== 'string' || typeof path !== 'string' || texts.has(id)) continue;
      const record = `sources[${i}] "${id}"`;
      let bytes: Buffer;
      try {
        bytes = await readFile(resolve(dirname(absolute), path));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        problem(record, ['sources', i, 'path'], `cannot read source: ${code}`);
        continue;
      }
      texts.set(id, bytes.toString('utf8'));
      const hash = sha256(bytes);
      const stored = item.get('contentHash');
      if (stored === hash) continue;
      const at = ['sources', i, 'contentHash'];
      const edit = hashEdit(yamlText, item, hash);
      if (!edit) {
        problem(
          record,
          at,
          `contentHash should be ${hash}; cannot edit this record's layout, write it by hand`,
        );
        continue;
      }
      edits.push(edit);
      count.hashes += 1;
      change(
        record,
        at,
        typeof stored === 'string'
          ? `contentHash corrected from ${stored} to ${hash} (the file changed? its quotes' offsets are checked below)`
          : `contentHash filled: ${hash}`,
      );
    }
  }

  const fill = (ref: YAMLMap, record: string, path: PathSegment[], label: string): void => {
    const source = ref.get('source');
    const quote = ref.get('quote');
    if (typeof source !== 'string' || typeof quote !== 'string') return;
    const at = (field: string): PathSegment[] => [...path, field];
    const text = texts.get(source);
    if (text === undefined) return problem(record, at('source'), `${label}unknown source "${source}"`);

    let located = quote;
    let quoteFix: Edit | undefined;
    if (!text.includes(quote)) {
      const variants = quoteVariants(text, quote);
      if (variants.length === 0) {
        return problem(
          record,
          at('quote'),
          `${label}quote not found in "${source}": ${JSON.stringify(quote)}`,
        );
      }
      const variant = variants[0];
      if (variants.length > 1 || variant === undefined) {
        const all = variants.map(yamlQuote).join(' or ');
        return problem(record, at('quote'), `${label}quote not found; the source has it as ${all}`);
      }
      if (!options.fixQuotes) {
        return problem(
          record,
          at('quote'),
          `${label}quote not found; the source has it with its own quotation marks: quote: ${yamlQuote(variant)} (--fix-quotes writes it)`,
        );
      }
      const node = ref.get('quote', true);
      quoteFix = isScalar(node) ? scalarEdit(yamlText, node, variant) : undefined;
      if (!quoteFix) {
        return problem(
          record,
          at('quote'),
          `${label}write the quote by hand as quote: ${yamlQuote(variant)}`,
        );
      }
      located = variant;
    }
    const fixed = (): void => {
      expected.push({ path: at('quote'), quote: located });
      if (located === quote) return;
      count.quotes += 1;
      change(
        record,
        at('quote'),
        `${label}quote rewritten with the source's quotation marks: ${yamlQuote(located)}`,
      );
    };

    if (ref.has('start') && ref.has('end')) {
      const start = ref.get('start');
      const end = ref.get('end');
      const wrong =
        typeof start === 'number' && typeof end === 'number'
          ? quoteProblem(text, source, { quote: located, start, end })
          : 'start and end must be numbers';
      if (wrong) return problem(record, at('start'), `${label}${wrong}`);
      if (quoteFix) edits.push(quoteFix);
      return fixed();
    }

    const context = ref.get('in');
    const occurrence = ref.get('occurrence');
    let found = occurrences(text, located);
    if (typeof context === 'string') {
      const inner = context.indexOf(located);
      if (inner === -1) return problem(record, at('in'), `${label}"in" does not contain the quote`);
      const around = occurrences(text, context);
      if (around.length !== 1 && typeof occurrence !== 'number') {
        const times = `${around.length} times: ${JSON.stringify(context)}`;
        return problem(record, at('in'), `${label}"in" text occurs ${times}`);
      }
      found = around.map((a) => a + inner);
    }
    let start: number | undefined;
    if (typeof occurrence === 'number') start = found[occurrence - 1];
    else if (found.length === 1) start = found[0];
    if (start === undefined) {
      const how = found.length > 1 ? `occurs ${found.length} times, add in: or occurrence:` : 'not found';
      return problem(record, at('quote'), `${label}quote ${how}: ${JSON.stringify(located)}`);
    }
    const end = start + located.length;
    const edit = offsetEdit(yamlText, ref, start, end, quoteFix ? [quoteFix] : []);
    if (!edit)
      return problem(record, path, `${label}cannot edit this record's layout; add start and end by hand`);
    edits.push(edit);
    count.offsets += 1;
    fixed();
    change(record, path, `${label}start: ${start}, end: ${end} filled`);
  };

  const relationships = doc.get('relationships');
  if (isSeq(relationships)) {
    relationships.items.forEach((rel, i) => {
      if (!isMap(rel)) return;
      // Format 2 writes claims, format 1 evidence: both are quotes with offsets.
      for (const key of ['claims', 'evidence']) {
        const refs = rel.get(key);
        if (!isSeq(refs)) continue;
        refs.items.forEach((ref, j) => {
          const record = `relationships[${i}] "${String(rel.get('id'))}"`;
          if (isMap(ref)) fill(ref, record, ['relationships', i, key, j], `${key}[${j}]: `);
        });
      }
    });
  }
  const mentions = doc.get('mentions');
  if (isSeq(mentions)) {
    mentions.items.forEach((m, i) => {
      if (isMap(m)) fill(m, `mentions[${i}] "${String(m.get('entity'))}"`, ['mentions', i], '');
    });
  }

  let written = false;
  if (edits.length > 0) {
    const next = applyEdits(yamlText, edits);
    const back = parseDocument(next);
    if (back.errors.length > 0 || expected.some((r) => back.getIn(r.path) !== r.quote)) {
      problem('(dataset)', [], 'the edited file would not read back as intended; nothing was written');
    } else {
      await writeFile(absolute, next);
      written = true;
      changes.forEach((line) => out(line));
    }
  }
  const filled = written ? count : { offsets: 0, hashes: 0, quotes: 0 };
  out(
    `filled ${filled.offsets} offset pair(s), ${filled.hashes} content hash(es), rewrote ${filled.quotes} quote(s)` +
      (count.problems > 0 ? `, ${count.problems} problem(s)` : ''),
  );
  return count.problems > 0 ? 1 : 0;
}

const invoked = process.argv[1];
if (invoked !== undefined && resolve(invoked) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const fixQuotes = args.includes('--fix-quotes');
  const rest = args.filter((a) => a !== '--fix-quotes');
  if (rest[0] === '--source' && rest[1] && rest[2]) {
    process.exitCode = await locateInText(rest[1], rest[2]);
  } else if (rest.length === 1 && rest[0] && !rest[0].startsWith('-')) {
    process.exitCode = await locateDataset(rest[0], { fixQuotes });
  } else {
    console.error('usage: locate.ts [--fix-quotes] <dataset.yaml> | locate.ts --source <file> <quote>');
    process.exitCode = 2;
  }
}
