// Reading a dataset: YAML (with line numbers for errors), the schema, the source files, and the
// semantic validation, in that order. Nothing here touches the database.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { datasetSchema, type DatasetFile, type DatasetSource } from './dataset.js';
import type { Mention } from './mentions.js';
import {
  schemaErrors,
  validateDataset,
  type PathSegment,
  type SourceText,
  type ValidationError,
} from './validate.js';

export interface CompiledSource extends DatasetSource {
  text: string;
  absolutePath: string;
}

/** A dataset that passed validation, with its source texts and computed mentions. */
export interface CompiledDataset {
  file: string;
  data: DatasetFile;
  sources: CompiledSource[];
  mentions: Mention[];
  /** Editorial warnings, with line numbers: things to review, never a reason not to load. */
  warnings?: ValidationError[];
  /** The line of a path in the file, for messages about it (none for JSON). */
  lineOf?: (path: readonly PathSegment[]) => number | undefined;
}

export type ReadResult = { ok: true; dataset: CompiledDataset } | { ok: false; errors: ValidationError[] };

export function sha256(bytes: Uint8Array | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** A short, stable name for a file in messages: relative to the working directory when inside it. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** The line of a path in a parsed YAML document; locate.ts uses it on the document it edits. */
export function lineFinder(
  doc: Document,
  counter: LineCounter,
): (path: readonly PathSegment[]) => number | undefined {
  return (path) => {
    // A missing field has no node: fall back to the closest enclosing one (the record itself).
    for (let depth = path.length; depth >= 0; depth -= 1) {
      const node = doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && Array.isArray(node.range))
        return counter.linePos(node.range[0]).line;
    }
    return undefined;
  };
}

export interface ParsedDatasetText {
  data?: DatasetFile;
  errors: ValidationError[];
  lineOf: (path: readonly PathSegment[]) => number | undefined;
}

/** YAML and schema only: the shape of the file, with line numbers. */
export function parseDatasetText(file: string, yamlText: string): ParsedDatasetText {
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter, uniqueKeys: true, prettyErrors: true });
  const lineOf = lineFinder(doc, counter);
  if (doc.errors.length > 0) {
    return {
      lineOf,
      errors: doc.errors.map((e) => ({
        file,
        record: '(YAML)',
        // The message's first line, without the position that the line number already gives.
        problem: (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, ''),
        line: e.linePos?.[0].line,
      })),
    };
  }
  const raw: unknown = doc.toJS();
  const parsed = datasetSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    const errors = schemaErrors(file, raw, parsed.error.issues).map((e) => ({
      ...e,
      line: e.path && lineOf(e.path),
    }));
    return { lineOf, errors };
  }
  return { data: parsed.data, errors: [], lineOf };
}

async function readSource(
  datasetDir: string,
  source: DatasetSource,
): Promise<SourceText & { absolutePath: string }> {
  if (source.text !== undefined) {
    // Inline text: hashed as the UTF-8 bytes a file holding it would have.
    return {
      absolutePath: datasetDir,
      text: source.text,
      contentHash: sha256(Buffer.from(source.text, 'utf8')),
    };
  }
  const absolutePath = resolve(datasetDir, source.path ?? '');
  try {
    const bytes = await readFile(absolutePath);
    return { absolutePath, text: bytes.toString('utf8'), contentHash: sha256(bytes) };
  } catch (error) {
    return { absolutePath, readError: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
}

/**
 * The same format as JSON, for generated datasets too large for the YAML parser. Errors carry no
 * line numbers: such files are written by programs, not by hand.
 */
export function parseDatasetJson(file: string, jsonText: string): ParsedDatasetText {
  const lineOf = (): undefined => undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(jsonText);
  } catch (error) {
    return { lineOf, errors: [{ file, record: '(JSON)', problem: (error as Error).message }] };
  }
  const parsed = datasetSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) return { lineOf, errors: schemaErrors(file, raw, parsed.error.issues) };
  return { data: parsed.data, errors: [], lineOf };
}

/** Reads and validates a dataset file completely; the loader only ever sees a valid one. */
export async function readDataset(datasetPath: string): Promise<ReadResult> {
  const absolute = resolve(datasetPath);
  const file = displayPath(absolute);
  let yamlText: string;
  try {
    yamlText = await readFile(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return { ok: false, errors: [{ file, record: '(file)', problem: `cannot read dataset: ${code}` }] };
  }
  const parsed = absolute.endsWith('.json')
    ? parseDatasetJson(file, yamlText)
    : parseDatasetText(file, yamlText);
  if (!parsed.data) return { ok: false, errors: parsed.errors };
  const data = parsed.data;

  const texts = new Map<string, SourceText & { absolutePath: string }>();
  for (const source of data.sources) {
    if (!texts.has(source.id)) texts.set(source.id, await readSource(dirname(absolute), source));
  }
  const { errors, mentions, warnings } = validateDataset(file, data, texts);
  if (errors.length > 0) {
    return { ok: false, errors: errors.map((e) => ({ ...e, line: e.path && parsed.lineOf(e.path) })) };
  }
  const sources: CompiledSource[] = [];
  for (const source of data.sources) {
    const loaded = texts.get(source.id);
    // Validation reported any source that could not be read, so this only satisfies the types.
    if (loaded?.text === undefined) throw new Error(`source "${source.id}" was not read`);
    sources.push({ ...source, text: loaded.text, absolutePath: loaded.absolutePath });
  }
  return {
    ok: true,
    dataset: {
      file,
      data,
      sources,
      mentions,
      warnings: warnings.map((w) => ({ ...w, line: w.path && parsed.lineOf(w.path) })),
      lineOf: parsed.lineOf,
    },
  };
}
