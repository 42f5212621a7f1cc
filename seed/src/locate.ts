// Curator's helper: computes quote offsets so nobody counts characters by hand.
//
//   npx tsx seed/src/locate.ts <dataset.yaml>           fill in missing start/end of evidence and mentions
//   npx tsx seed/src/locate.ts --source <file> <quote>  print where a quote occurs in a text
//
// In the dataset, an evidence item or mention written as `{source, quote}` gets `start` and `end`
// when the quote occurs exactly once; when it occurs more than once, add `in: <a longer text around
// it>` (the quote's first occurrence inside the only occurrence of that text) or `occurrence: n`
// (1-based) to pick one, and the helper replaces the hint with the offsets. The file is edited as
// text, not re-serialised, so comments, folding and layout stay as the curator wrote them.
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Pair, type YAMLMap } from 'yaml';

function occurrences(text: string, quote: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) found.push(at);
  return found;
}

async function locateInText(file: string, quote: string): Promise<number> {
  const text = await readFile(file, 'utf8');
  const found = occurrences(text, quote);
  if (found.length === 0) {
    console.error(`not found: ${JSON.stringify(quote)}`);
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

const HINTS = new Set(['in', 'occurrence']);

function keyOf(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : '';
}

function pairRange(pair: Pair): [number, number] | undefined {
  const key = isScalar(pair.key) ? pair.key.range : undefined;
  const value = (pair.value as { range?: [number, number, number] } | null)?.range;
  return key && value ? [key[0], value[1]] : undefined;
}

/** The text edit that removes the hints of a map and adds start/end, keeping the map's style. */
function offsetEdit(yamlText: string, map: YAMLMap, start: number, end: number): Edit | undefined {
  const kept: string[] = [];
  for (const pair of map.items) {
    const range = pairRange(pair);
    if (!range) return undefined;
    if (!HINTS.has(keyOf(pair))) kept.push(yamlText.slice(range[0], range[1]));
  }
  const firstPair = map.items[0];
  const lastPair = map.items.at(-1);
  const first = firstPair && pairRange(firstPair);
  const last = lastPair && pairRange(lastPair);
  if (!first || !last) return undefined;
  if (map.flow) {
    return { from: first[0], to: last[1], text: [...kept, `start: ${start}`, `end: ${end}`].join(', ') };
  }
  // Block map: one pair per line at the indentation of the first key.
  const lineStart = yamlText.lastIndexOf('\n', first[0] - 1) + 1;
  const indent = ' '.repeat(first[0] - lineStart);
  return {
    from: first[0],
    to: last[1],
    text: [...kept, `start: ${start}`, `end: ${end}`].join(`\n${indent}`),
  };
}

async function fillDataset(datasetPath: string): Promise<number> {
  const absolute = resolve(datasetPath);
  const yamlText = await readFile(absolute, 'utf8');
  const doc = parseDocument(yamlText);
  if (doc.errors.length > 0) {
    for (const e of doc.errors) console.error(e.message);
    return 1;
  }
  const texts = new Map<string, string>();
  const sources = doc.get('sources');
  if (isSeq(sources)) {
    for (const item of sources.items) {
      if (!isMap(item)) continue;
      const id = item.get('id');
      const path = item.get('path');
      if (typeof id === 'string' && typeof path === 'string') {
        texts.set(id, await readFile(resolve(dirname(absolute), path), 'utf8'));
      }
    }
  }

  const edits: Edit[] = [];
  const problems: string[] = [];
  const fill = (ref: YAMLMap, where: string): void => {
    const source = ref.get('source');
    const quote = ref.get('quote');
    if (typeof source !== 'string' || typeof quote !== 'string') return;
    if (ref.has('start') && ref.has('end')) return;
    const text = texts.get(source);
    if (text === undefined) return void problems.push(`${where}: unknown source "${source}"`);
    const context = ref.get('in');
    const occurrence = ref.get('occurrence');
    let found = occurrences(text, quote);
    if (typeof context === 'string') {
      const inner = context.indexOf(quote);
      if (inner === -1) return void problems.push(`${where}: "in" does not contain the quote`);
      const around = occurrences(text, context);
      if (around.length !== 1 && typeof occurrence !== 'number') {
        return void problems.push(
          `${where}: "in" text occurs ${around.length} times: ${JSON.stringify(context)}`,
        );
      }
      found = around.map((at) => at + inner);
    }
    let start: number | undefined;
    if (typeof occurrence === 'number') start = found[occurrence - 1];
    else if (found.length === 1) start = found[0];
    if (start === undefined) {
      const how = found.length > 1 ? `occurs ${found.length} times, add in: or occurrence:` : 'not found';
      return void problems.push(`${where}: quote ${how}: ${JSON.stringify(quote)}`);
    }
    const edit = offsetEdit(yamlText, ref, start, start + quote.length);
    if (edit) edits.push(edit);
    else problems.push(`${where}: cannot edit this record's layout; add start and end by hand`);
  };

  const relationships = doc.get('relationships');
  if (isSeq(relationships)) {
    relationships.items.forEach((rel, i) => {
      if (!isMap(rel)) return;
      const evidence = rel.get('evidence');
      if (!isSeq(evidence)) return;
      evidence.items.forEach((ref, j) => {
        if (isMap(ref)) fill(ref, `relationships[${i}] "${String(rel.get('id'))}" evidence[${j}]`);
      });
    });
  }
  const mentions = doc.get('mentions');
  if (isSeq(mentions)) {
    mentions.items.forEach((m, i) => {
      if (isMap(m)) fill(m, `mentions[${i}] "${String(m.get('entity'))}"`);
    });
  }
  for (const p of problems) console.error(p);
  if (edits.length > 0) {
    let out = yamlText;
    for (const e of edits.sort((a, b) => b.from - a.from))
      out = out.slice(0, e.from) + e.text + out.slice(e.to);
    await writeFile(absolute, out);
  }
  console.log(
    `filled ${edits.length} offset pair(s)${problems.length ? `, ${problems.length} problem(s)` : ''}`,
  );
  return problems.length > 0 ? 1 : 0;
}

const args = process.argv.slice(2);
if (args[0] === '--source' && args[1] && args[2]) {
  process.exitCode = await locateInText(args[1], args[2]);
} else if (args[0] && !args[0].startsWith('-')) {
  process.exitCode = await fillDataset(args[0]);
} else {
  console.error('usage: locate.ts <dataset.yaml> | locate.ts --source <file> <quote>');
  process.exitCode = 2;
}
