// Semantic validation of a parsed dataset against its source texts. Pure: no files, no database.
// It reports every problem it finds (not just the first), each naming file, record and problem,
// so that one run of `npm run seed -- --check` shows everything a curator has to fix.
import type { z } from 'zod';
import type { DatasetFile, DatasetSource, EntityKind, QuoteRef } from './dataset.js';
import { NUMBER_NAME_PATTERN, RELATIONSHIP_TYPE_PATTERN, RESERVED_PROPERTY_NAMES } from './dataset.js';
import { dateProblems } from './dates.js';
import { editorialWarnings } from './editorial.js';
import { locationProblems } from './locations.js';
import {
  createMatcher,
  maskSpans,
  mergeMentions,
  spellingFinder,
  spellingVariants,
  type FoundMention,
  type Mention,
  type MentionPattern,
} from './mentions.js';
import { MODEL_RELATIONSHIP_TYPES } from '../../model/index.js';

export type PathSegment = string | number;

export interface ValidationError {
  file: string;
  /** The record at fault, e.g. `relationships[12] "xi-jinping-gave-speech-2014"`. */
  record: string;
  problem: string;
  /** Where in the YAML document the problem is, for line numbers. */
  path?: PathSegment[];
  line?: number;
}

export function formatError(error: ValidationError): string {
  const where = error.line === undefined ? error.file : `${error.file}:${error.line}`;
  return `${where}: ${error.record}: ${error.problem}`;
}

export function formatErrors(errors: readonly ValidationError[]): string {
  return errors.map(formatError).join('\n');
}

const SECTIONS = new Set(['sources', 'entities', 'relationships', 'mentions']);

function describeRecord(data: unknown, path: readonly PathSegment[]): string {
  const [section, index, ...rest] = path;
  if (section === 'vocabulary' && index === 'relationshipTypes' && typeof rest[0] === 'string') {
    return `vocabulary.relationshipTypes.${rest[0]}`;
  }
  if (typeof section === 'string' && SECTIONS.has(section) && typeof index === 'number') {
    const list = (data as Record<string, unknown> | null)?.[section];
    const item = Array.isArray(list) ? (list[index] as Record<string, unknown> | undefined) : undefined;
    const id = item?.id ?? (section === 'mentions' ? item?.entity : undefined);
    return typeof id === 'string' ? `${section}[${index}] "${id}"` : `${section}[${index}]`;
  }
  return section === undefined ? '(dataset)' : String(section);
}

/** zod's issues as validation errors: the record is the list item, the problem names the field. */
export function schemaErrors(
  file: string,
  data: unknown,
  issues: readonly z.core.$ZodIssue[],
): ValidationError[] {
  return issues.map((issue) => {
    const path = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
    const [section, index] = path;
    const recordDepth =
      section === 'vocabulary'
        ? 3
        : typeof section === 'string' && SECTIONS.has(section) && typeof index === 'number'
          ? 2
          : 1;
    const field = path.slice(recordDepth).join('.');
    let message = issue.message;
    const input = (issue as { input?: unknown }).input;
    if (issue.code === 'invalid_value' && field === 'kind') {
      message = `unknown kind ${JSON.stringify(input)}; expected one of ${issue.values.join(', ')}`;
    } else if (issue.code === 'invalid_value' && input !== undefined) {
      message = `${JSON.stringify(input)} is not allowed; expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    } else if (issue.code === 'invalid_type' && input === undefined) {
      message = 'is required';
    } else if (issue.code === 'unrecognized_keys') {
      message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    }
    return {
      file,
      record: describeRecord(data, path),
      problem: field ? `${field} ${message}` : message,
      path,
    };
  });
}

export interface SourceText {
  /** The text, or why it could not be read. */
  text?: string;
  readError?: string;
  /** `sha256:<hex>` of the file's bytes. */
  contentHash?: string;
}

export interface ValidationResult {
  errors: ValidationError[];
  /** Automatic and curated mentions per source, computed once here and reused by the loader. */
  mentions: Mention[];
  /**
   * Editorial warnings (editorial.ts): records that may say more than their quotes. They never stop
   * a load; they are only computed for a dataset without errors.
   */
  warnings: ValidationError[];
}

function show(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ');
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max - 1)}…` : flat);
}

function allIndexes(text: string, quote: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) found.push(at);
  return found;
}

// Curly and straight quotation marks look alike in an editor; say so when that is the difference.
export function normaliseQuotes(text: string): string {
  return text
    .replace(/[“”„]/g, '"')
    .replace(/[‘’‚]/g, "'")
    .replace(/\u00a0/g, ' ');
}

/** Why a quote is not the source's text at its offsets, or null when it is. */
export function quoteProblem(
  text: string,
  sourceId: string,
  ref: Pick<QuoteRef, 'quote' | 'start' | 'end'>,
): string | null {
  if (ref.end <= ref.start) return `end ${ref.end} must be after start ${ref.start}`;
  if (ref.end > text.length)
    return `end ${ref.end} is past the end of source "${sourceId}" (length ${text.length})`;
  const actual = text.slice(ref.start, ref.end);
  if (actual === ref.quote) return null;
  const at = allIndexes(text, ref.quote);
  if (at.length > 0) {
    const places = at.map((s) => `${s}-${s + ref.quote.length}`).join(', ');
    return `quote ${show(ref.quote)} is not at ${ref.start}-${ref.end} (the text there is ${show(actual)}); it occurs at ${places}`;
  }
  const hint = normaliseQuotes(text).includes(normaliseQuotes(ref.quote))
    ? " (it does when quotation marks and spaces are normalised: use the source's curly quotes “ ” ’ and exact spaces)"
    : '';
  return `quote ${show(ref.quote)} is not verbatim in source "${sourceId}"${hint}`;
}

function duplicates<T>(items: readonly T[], key: (item: T) => string): Map<string, number[]> {
  const seen = new Map<string, number[]>();
  items.forEach((item, i) => seen.set(key(item), [...(seen.get(key(item)) ?? []), i]));
  return new Map([...seen].filter(([, at]) => at.length > 1));
}

/** Checks everything that needs more than one record, or the source texts. */
export function validateDataset(
  file: string,
  data: DatasetFile,
  texts: ReadonlyMap<string, SourceText>,
): ValidationResult {
  const errors: ValidationError[] = [];
  const err = (path: PathSegment[], problem: string): void => {
    errors.push({ file, record: describeRecord(data, path), problem, path });
  };

  // Sources.
  const sources = new Map<string, DatasetSource & { text?: string }>();
  for (const [id, at] of duplicates(data.sources, (s) => s.id)) {
    for (const i of at.slice(1))
      err(['sources', i, 'id'], `duplicate source id "${id}" (first at sources[${at[0]}])`);
  }
  data.sources.forEach((source, i) => {
    const loaded = texts.get(source.id);
    const text = loaded?.text;
    if (!sources.has(source.id)) sources.set(source.id, { ...source, text });
    if (text === undefined) {
      err(
        ['sources', i, 'path'],
        `cannot read source file "${source.path ?? ''}": ${loaded?.readError ?? 'not loaded'}`,
      );
      return;
    }
    if (loaded?.contentHash !== undefined && loaded.contentHash !== source.contentHash) {
      err(
        ['sources', i, 'contentHash'],
        `contentHash is ${source.contentHash} but ${source.path !== undefined ? `"${source.path}"` : 'the inline text'} hashes to ${loaded.contentHash}`,
      );
    }
    if (source.date) for (const p of dateProblems(source.date)) err(['sources', i, 'date'], p);
    if (source.date?.end !== undefined)
      err(['sources', i, 'date', 'end'], 'a source has a single date, not a range');
    source.excludeFromMentions.forEach((range, j) => {
      if (range.end <= range.start || range.end > text.length) {
        err(
          ['sources', i, 'excludeFromMentions', j],
          `range ${range.start}-${range.end} is not inside the text (length ${text.length})`,
        );
      }
    });
  });
  const readable = [...sources.values()].filter(
    (s): s is DatasetSource & { text: string } => s.text !== undefined,
  );

  // Vocabulary.
  const types = data.vocabulary.relationshipTypes;
  for (const type of Object.keys(types)) {
    const path = ['vocabulary', 'relationshipTypes', type];
    if (!RELATIONSHIP_TYPE_PATTERN.test(type))
      err(path, `relationship type "${type}" must be UPPER_SNAKE_CASE`);
    if (MODEL_RELATIONSHIP_TYPES.includes(type)) err(path, `${type} is reserved for mentions`);
  }

  // Entities.
  const entities = new Map<string, { kind: EntityKind; index: number }>();
  for (const [id, at] of duplicates(data.entities, (e) => e.id)) {
    for (const i of at.slice(1))
      err(['entities', i, 'id'], `duplicate entity id "${id}" (first at entities[${at[0]}])`);
  }
  data.entities.forEach((e, i) => {
    if (!entities.has(e.id)) entities.set(e.id, { kind: e.kind, index: i });
  });
  // Which aliases occur in which source, found in one pass per source rather than one per alias.
  const allAliases = data.entities.flatMap((e) => [...e.aliases, ...e.backgroundAliases]);
  const findSpellings = spellingFinder(allAliases);
  const spellingsBySource = new Map(readable.map((s) => [s.id, findSpellings(s.text)]));
  const sourcedSpellings = new Set([...spellingsBySource.values()].flatMap((set) => [...set]));
  const spellingOwner = new Map<string, string>();
  const patterns: MentionPattern[] = [];
  data.entities.forEach((entity, i) => {
    if (entity.official !== undefined && entity.kind !== 'Person') {
      err(['entities', i, 'official'], `official applies to Person only, not ${entity.kind}`);
    }
    const names = [entity.name, ...entity.aliases, ...entity.backgroundAliases];
    for (const [name] of duplicates(names, (n) => n))
      err(['entities', i], `"${name}" is listed more than once among name and aliases`);

    // The name and the sourced aliases are matched in the text, so no two entities may share a spelling.
    for (const text of [entity.name, ...entity.aliases]) {
      for (const spelling of spellingVariants(text)) {
        const other = spellingOwner.get(spelling);
        if (other !== undefined && other !== entity.id) {
          err(
            ['entities', i],
            `"${text}" would match the same text as a name or alias of "${other}"; use a curated mention instead`,
          );
          break;
        }
        spellingOwner.set(spelling, entity.id);
      }
      patterns.push({ entity: entity.id, text });
    }
    entity.aliases.forEach((alias, j) => {
      if (!spellingVariants(alias).some((v) => sourcedSpellings.has(v))) {
        err(
          ['entities', i, 'aliases', j],
          `alias "${alias}" does not occur in any source of this dataset; list it under backgroundAliases`,
        );
      }
    });
    entity.backgroundAliases.forEach((alias, j) => {
      const inSource = readable.find((s) =>
        spellingVariants(alias).some((v) => spellingsBySource.get(s.id)?.has(v)),
      );
      if (inSource) {
        err(
          ['entities', i, 'backgroundAliases', j],
          `background alias "${alias}" occurs in source "${inSource.id}"; list it under aliases`,
        );
      }
    });
    for (const name of Object.keys(entity.numbers)) {
      if (
        !NUMBER_NAME_PATTERN.test(name) ||
        RESERVED_PROPERTY_NAMES.has(name) ||
        name.endsWith('Qualifier')
      ) {
        err(
          ['entities', i, 'numbers', name],
          `number name "${name}" must be camelCase and not a reserved property name`,
        );
      }
    }
    if (entity.date) for (const p of dateProblems(entity.date)) err(['entities', i, 'date'], p);
    // Provenance names sources of this dataset: a field cannot be attributed to a text it lacks.
    for (const [field, source] of Object.entries(entity.provenance?.fieldSources ?? {}))
      if (!sources.has(source))
        err(['entities', i, 'provenance', 'fieldSources', field], `unknown source "${source}"`);
    entity.provenance?.alternatives.forEach((alternative, j) => {
      if (!sources.has(alternative.source))
        err(['entities', i, 'provenance', 'alternatives', j], `unknown source "${alternative.source}"`);
    });
    if (entity.location)
      for (const p of locationProblems(entity.location)) err(['entities', i, 'location'], p);
  });

  // Relationships.
  for (const [id, at] of duplicates(data.relationships, (r) => r.id)) {
    for (const i of at.slice(1))
      err(['relationships', i, 'id'], `duplicate relationship id "${id}" (first at relationships[${at[0]}])`);
  }
  const checkQuote = (path: PathSegment[], ref: QuoteRef): void => {
    const source = sources.get(ref.source);
    if (!source) return err([...path, 'source'], `unknown source "${ref.source}"`);
    if (source.text === undefined) return; // already reported as unreadable
    const problem = quoteProblem(source.text, ref.source, ref);
    if (problem) err(path, problem);
  };
  data.relationships.forEach((rel, i) => {
    const def = types[rel.type];
    if (!def) {
      err(
        ['relationships', i, 'type'],
        `unknown relationship type "${rel.type}"; the vocabulary defines ${Object.keys(types).join(', ')}`,
      );
    }
    for (const end of ['from', 'to'] as const) {
      const target = entities.get(rel[end]);
      if (!target) {
        err(['relationships', i, end], `${end} refers to unknown entity "${rel[end]}"`);
      } else if (def?.[end] && !def[end].includes(target.kind)) {
        err(
          ['relationships', i, end],
          `${rel.type} cannot go ${end} a ${target.kind} ("${rel[end]}"); allowed: ${def[end].join(', ')}`,
        );
      }
    }
    if (rel.from === rel.to) err(['relationships', i], `relationship from "${rel.from}" to itself`);
    const field = rel.claimsField;
    rel.claims.forEach((claim, j) => {
      checkQuote(['relationships', i, field, j], claim);
      if (claim.date)
        for (const p of dateProblems(claim.date)) err(['relationships', i, field, j, 'date'], p);
    });
    for (const [key, at] of duplicates(
      rel.claims,
      (c) => `${c.source}:${c.start}:${c.end}:${[...c.by].sort().join('+')}:${c.stance}`,
    )) {
      err(['relationships', i, field, at[1] ?? 0], `claim ${key} is listed more than once`);
    }
    const unknownAsserters = new Set<string>();
    rel.claims.forEach((claim, j) => {
      claim.by.forEach((by, k) => {
        if (entities.has(by) || unknownAsserters.has(by)) return;
        unknownAsserters.add(by);
        const path: PathSegment[] =
          field === 'evidence'
            ? ['relationships', i, 'attribution', 'by', k]
            : ['relationships', i, field, j, 'by', k];
        err(path, `attribution refers to unknown entity "${by}"`);
      });
    });
    if (rel.date) for (const p of dateProblems(rel.date)) err(['relationships', i, 'date'], p);
  });

  // Curated mentions.
  const curatedBySource = new Map<string, (FoundMention & { index: number })[]>();
  data.mentions.forEach((m, i) => {
    if (!entities.has(m.entity)) err(['mentions', i, 'entity'], `unknown entity "${m.entity}"`);
    checkQuote(['mentions', i], m);
    const text = sources.get(m.source)?.text;
    if (text === undefined || quoteProblem(text, m.source, m)) return;
    const list = curatedBySource.get(m.source) ?? [];
    const clash = list.find((o) => o.start < m.end && m.start < o.end);
    if (clash) {
      err(
        ['mentions', i],
        `overlaps mentions[${clash.index}] ("${clash.entity}" at ${clash.start}-${clash.end}); curated mentions must not overlap`,
      );
    } else {
      list.push({ entity: m.entity, start: m.start, end: m.end, text: m.quote, index: i });
    }
    curatedBySource.set(m.source, list);
  });

  // Mentions: automatic matches merged with curated ones; every entity must be found somewhere.
  const mentions: Mention[] = [];
  const match = createMatcher(patterns);
  for (const source of readable) {
    const curated = curatedBySource.get(source.id) ?? [];
    const automatic = match(maskSpans(source.text, [...curated, ...source.excludeFromMentions]));
    mentions.push(...mergeMentions(source.id, automatic, curated));
  }
  const mentioned = new Set(mentions.map((m) => m.entity));
  data.entities.forEach((entity, i) => {
    if (!mentioned.has(entity.id) && entity.noMentionReason === undefined) {
      err(
        ['entities', i],
        'is never mentioned: its name and aliases do not occur and no curated mention points to it (add one, or give noMentionReason)',
      );
    } else if (mentioned.has(entity.id) && entity.noMentionReason !== undefined) {
      err(['entities', i, 'noMentionReason'], 'noMentionReason is given but the entity is mentioned');
    }
  });

  const warnings =
    errors.length > 0
      ? []
      : editorialWarnings(data, new Map(readable.map((s) => [s.id, s.text]))).map((w) => ({ file, ...w }));
  return { errors, mentions, warnings };
}
