import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { z } from 'zod';
import { datasetSchema } from './dataset.js';
import { parseDatasetText, sha256 } from './read.js';
import {
  formatError,
  quoteProblem,
  schemaErrors,
  validateDataset,
  type ValidationError,
} from './validate.js';

// A tiny made-up source and a valid dataset over it; each case below breaks one thing.
const TEXT =
  'Mayor Lena Ortiz opened the Riverside Clinic in 2021. Critics said the clinic was “rushed”. She said it was not.';
const hashOf = sha256(TEXT);

// The file's input shape; cases that need an invalid value say so with `as never`.
type Raw = z.input<typeof datasetSchema>;
const ent = (d: Raw, i: number) => d.entities[i]!;
const rel = (d: Raw, i: number) => d.relationships![i]!;
const men = (d: Raw, i: number) => d.mentions![i]!;

function quote(q: string, occurrence = 0): { source: string; quote: string; start: number; end: number } {
  let start = -1;
  for (let i = 0; i <= occurrence; i += 1) start = TEXT.indexOf(q, start + 1);
  if (start < 0) throw new Error(`fixture quote not found: ${q}`);
  return { source: 'note', quote: q, start, end: start + q.length };
}

function base(): Raw {
  return {
    format: 'trove-dataset/1',
    sources: [{ id: 'note', path: 'note.txt', title: 'A note', publisher: 'Test', contentHash: hashOf }],
    vocabulary: {
      relationshipTypes: {
        OPENED: { description: 'A person opened a facility.', from: ['Person'], to: ['Facility'] },
        CRITICIZED: { description: 'The source criticised the target.' },
      },
    },
    entities: [
      {
        id: 'lena-ortiz',
        kind: 'Person',
        official: true,
        name: 'Lena Ortiz',
        aliases: ['Mayor Lena Ortiz'],
        backgroundAliases: ['L. Ortiz'],
        description: 'A mayor.',
      },
      {
        id: 'riverside-clinic',
        kind: 'Facility',
        name: 'Riverside Clinic',
        description: 'A clinic.',
        numbers: { beds: { value: 40, qualifier: 'about' } },
      },
      { id: 'critics', kind: 'Group', name: 'Critics', description: 'Unnamed critics.' },
      {
        id: 'opening',
        kind: 'Event',
        name: 'Opening of the clinic',
        date: { start: 2021, precision: 'year' },
        description: 'The opening.',
      },
    ],
    relationships: [
      {
        id: 'lena-ortiz-opened-riverside-clinic',
        type: 'OPENED',
        from: 'lena-ortiz',
        to: 'riverside-clinic',
        description: 'Lena Ortiz opened the Riverside Clinic in 2021.',
        date: { start: '2021', precision: 'year' },
        evidence: [quote('Mayor Lena Ortiz opened the Riverside Clinic in 2021.')],
      },
      {
        id: 'critics-criticized-riverside-clinic',
        type: 'CRITICIZED',
        from: 'critics',
        to: 'riverside-clinic',
        description: 'Critics said the clinic was rushed.',
        attribution: { by: 'critics', stance: 'claimed' },
        evidence: [quote('Critics said the clinic was “rushed”.')],
      },
    ],
    mentions: [
      { entity: 'riverside-clinic', ...quote('the clinic') },
      { entity: 'lena-ortiz', ...quote('She') },
      { entity: 'opening', ...quote('opened') },
    ],
  };
}

function validate(raw: Raw, text = TEXT): ValidationError[] {
  const parsed = datasetSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) return schemaErrors('test.yaml', raw, parsed.error.issues);
  return validateDataset('test.yaml', parsed.data, new Map([['note', { text, contentHash: sha256(text) }]]))
    .errors;
}

describe('the fixture', () => {
  it('is valid', () => {
    expect(validate(base())).toEqual([]);
  });
});

describe('broken datasets', () => {
  const cases: { name: string; breakIt: (d: Raw) => unknown; record: string; problem: string }[] = [
    {
      name: 'unknown relationship type',
      breakIt: (d) => (rel(d, 0).type = 'INAUGURATED'),
      record: 'relationships[0] "lena-ortiz-opened-riverside-clinic"',
      problem: 'unknown relationship type "INAUGURATED"; the vocabulary defines OPENED, CRITICIZED',
    },
    {
      name: 'unknown kind',
      breakIt: (d) => (ent(d, 1).kind = 'Building' as never),
      record: 'entities[1] "riverside-clinic"',
      problem: 'kind unknown kind "Building"; expected one of Person, Organization',
    },
    {
      name: 'dangling relationship end',
      breakIt: (d) => (rel(d, 0).to = 'riverside-hospital'),
      record: 'relationships[0] "lena-ortiz-opened-riverside-clinic"',
      problem: 'to refers to unknown entity "riverside-hospital"',
    },
    {
      name: 'dangling attribution',
      breakIt: (d) => (rel(d, 1).attribution!.by = ['critics', 'press']),
      record: 'relationships[1] "critics-criticized-riverside-clinic"',
      problem: 'attribution refers to unknown entity "press"',
    },
    {
      name: 'dangling curated mention',
      breakIt: (d) => (men(d, 0).entity = 'hospital'),
      record: 'mentions[0] "hospital"',
      problem: 'unknown entity "hospital"',
    },
    {
      name: 'duplicate entity id',
      breakIt: (d) => (ent(d, 3).id = 'critics'),
      record: 'entities[3] "critics"',
      problem: 'duplicate entity id "critics" (first at entities[2])',
    },
    {
      name: 'duplicate relationship id',
      breakIt: (d) => (rel(d, 1).id = 'lena-ortiz-opened-riverside-clinic'),
      record: 'relationships[1] "lena-ortiz-opened-riverside-clinic"',
      problem: 'duplicate relationship id',
    },
    {
      name: 'id that is not a slug',
      breakIt: (d) => (ent(d, 2).id = 'Critics_2'),
      record: 'entities[2] "Critics_2"',
      problem: 'id must be a lowercase slug',
    },
    {
      name: 'quote not verbatim',
      breakIt: (d) => (rel(d, 1).evidence![0]!.quote = 'Critics said the clinic was “hurried”.'),
      record: 'relationships[1] "critics-criticized-riverside-clinic"',
      problem: 'is not verbatim in source "note"',
    },
    {
      name: 'straight quotes where the source has curly ones',
      breakIt: (d) => (rel(d, 1).evidence![0]!.quote = 'Critics said the clinic was "rushed".'),
      record: 'relationships[1] "critics-criticized-riverside-clinic"',
      problem: "use the source's curly quotes",
    },
    {
      name: 'quote at the wrong offsets',
      breakIt: (d) => {
        men(d, 0).start += 1;
        men(d, 0).end += 1;
      },
      record: 'mentions[0] "riverside-clinic"',
      problem: 'is not at 68-78 (the text there is "he clinic "); it occurs at 67-77',
    },
    {
      name: 'offsets past the end',
      breakIt: (d) => (rel(d, 0).evidence![0]!.end = 9999),
      record: 'relationships[0] "lena-ortiz-opened-riverside-clinic"',
      problem: 'end 9999 is past the end of source "note"',
    },
    {
      name: 'evidence from an unknown source',
      breakIt: (d) => (rel(d, 0).evidence![0]!.source = 'other'),
      record: 'relationships[0] "lena-ortiz-opened-riverside-clinic"',
      problem: 'unknown source "other"',
    },
    {
      name: 'impossible day',
      breakIt: (d) => (ent(d, 3).date = { start: '2019-02-30', precision: 'day' }),
      record: 'entities[3] "opening"',
      problem: 'date start "2019-02-30" is not a day: 2019-02 has 28 days',
    },
    {
      name: 'date that does not match its precision',
      breakIt: (d) => (rel(d, 0).date = { start: '2021-05', precision: 'year' }),
      record: 'relationships[0] "lena-ortiz-opened-riverside-clinic"',
      problem: 'does not match precision year',
    },
    {
      name: 'range that ends before it starts',
      breakIt: (d) => (ent(d, 3).date = { start: 2021, end: 2019, precision: 'year' }),
      record: 'entities[3] "opening"',
      problem: 'date end "2019" is before start "2021"',
    },
    {
      name: 'empty evidence',
      breakIt: (d) => (rel(d, 0).evidence = []),
      record: 'relationships[0] "lena-ortiz-opened-riverside-clinic"',
      problem: 'evidence missing evidence',
    },
    {
      name: 'no evidence at all',
      breakIt: (d) => Reflect.deleteProperty(rel(d, 0), 'evidence'),
      record: 'relationships[0] "lena-ortiz-opened-riverside-clinic"',
      problem: 'claims is required (evidence in trove-dataset/1)',
    },
    {
      name: 'unknown stance',
      breakIt: (d) => (rel(d, 1).attribution!.stance = 'alleged' as never),
      record: 'relationships[1] "critics-criticized-riverside-clinic"',
      problem:
        'attribution.stance "alleged" is not allowed; expected one of "reported", "claimed", "disputed", "denied"',
    },
    {
      name: 'kind not allowed by the relationship type',
      breakIt: (d) => (rel(d, 0).from = 'critics'),
      record: 'relationships[0] "lena-ortiz-opened-riverside-clinic"',
      problem: 'OPENED cannot go from a Group ("critics"); allowed: Person',
    },
    {
      name: 'alias that is not in any source',
      breakIt: (d) => ent(d, 0).aliases!.push('Lena O.'),
      record: 'entities[0] "lena-ortiz"',
      problem:
        'alias "Lena O." does not occur in any source of this dataset; list it under backgroundAliases',
    },
    {
      name: 'background alias that is in a source',
      breakIt: (d) => (ent(d, 1).backgroundAliases = ['clinic']),
      record: 'entities[1] "riverside-clinic"',
      problem: 'background alias "clinic" occurs in source "note"; list it under aliases',
    },
    {
      name: 'spelling shared by two entities',
      breakIt: (d) => (ent(d, 2).aliases = ['Lena Ortiz']),
      record: 'entities[2] "critics"',
      problem: '"Lena Ortiz" would match the same text as a name or alias of "lena-ortiz"',
    },
    {
      name: 'entity never mentioned',
      breakIt: (d) =>
        d.entities.push({ id: 'city-hall', kind: 'Organization', name: 'City Hall', description: 'x' }),
      record: 'entities[4] "city-hall"',
      problem: 'is never mentioned',
    },
    {
      name: 'overlapping curated mentions',
      breakIt: (d) => d.mentions!.push({ entity: 'critics', ...quote('clinic was') }),
      record: 'mentions[3] "critics"',
      problem: 'overlaps mentions[0]',
    },
    {
      name: 'official on something that is not a person',
      breakIt: (d) => (ent(d, 1).official = true),
      record: 'entities[1] "riverside-clinic"',
      problem: 'official applies to Person only, not Facility',
    },
    {
      name: 'number with an unknown qualifier',
      breakIt: (d) => (ent(d, 1).numbers!.beds!.qualifier = 'roughly' as never),
      record: 'entities[1] "riverside-clinic"',
      problem: 'numbers.beds.qualifier "roughly" is not allowed',
    },
    {
      name: 'number that shadows a property',
      breakIt: (d) => (ent(d, 1).numbers = { name: { value: 1, qualifier: 'exactly' } }),
      record: 'entities[1] "riverside-clinic"',
      problem: 'number name "name" must be camelCase and not a reserved property name',
    },
    {
      name: 'reserved relationship type',
      breakIt: (d) => (d.vocabulary.relationshipTypes.MENTIONED_IN = { description: 'x' }),
      record: 'vocabulary.relationshipTypes.MENTIONED_IN',
      problem: 'MENTIONED_IN is reserved for mentions',
    },
    {
      name: 'relationship type that is not UPPER_SNAKE_CASE',
      breakIt: (d) => (d.vocabulary.relationshipTypes['opened-by'] = { description: 'x' }),
      record: 'vocabulary.relationshipTypes.opened-by',
      problem: 'must be UPPER_SNAKE_CASE',
    },
    {
      name: 'unknown field',
      breakIt: (d) => Object.assign(rel(d, 0), { evidences: rel(d, 0).evidence }),
      record: 'relationships[0] "lena-ortiz-opened-riverside-clinic"',
      problem: 'unknown field "evidences"',
    },
    {
      name: 'wrong format version',
      breakIt: (d) => (d.format = 'trove-dataset/0' as never),
      record: 'format',
      problem: '"trove-dataset/0" is not allowed; expected one of "trove-dataset/1", "trove-dataset/2"',
    },
    {
      name: 'content hash that does not match the source',
      breakIt: (d) => (d.sources[0]!.contentHash = `sha256:${'a'.repeat(64)}`),
      record: 'sources[0] "note"',
      problem: `but "note.txt" hashes to ${hashOf}`,
    },
    {
      name: 'relationship from an entity to itself',
      breakIt: (d) => (rel(d, 1).to = 'critics'),
      record: 'relationships[1] "critics-criticized-riverside-clinic"',
      problem: 'relationship from "critics" to itself',
    },
  ];

  it.each(cases)('rejects $name', ({ breakIt, record, problem }) => {
    const broken = base();
    breakIt(broken);
    const errors = validate(broken);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors, JSON.stringify(errors, null, 2)).toContainEqual(
      expect.objectContaining({ file: 'test.yaml', record, problem: expect.stringContaining(problem) }),
    );
  });

  it('reports every problem at once, not only the first', () => {
    const broken = base();
    rel(broken, 0).type = 'INAUGURATED';
    ent(broken, 3).date = { start: '2019-02-30', precision: 'day' };
    men(broken, 1).quote = 'He';
    expect(validate(broken)).toHaveLength(3);
  });
});

describe('line numbers', () => {
  it('names the line of the record or field at fault', () => {
    const broken = base();
    ent(broken, 1).kind = 'Building' as never;
    const yaml = stringify(broken);
    const { errors } = parseDatasetText('test.yaml', yaml);
    const line = yaml.split('\n').findIndex((l) => l.includes('kind: Building')) + 1;
    expect(errors).toEqual([expect.objectContaining({ line })]);
    expect(formatError(errors[0]!)).toBe(
      `test.yaml:${line}: entities[1] "riverside-clinic": kind unknown kind "Building"; expected one of Person, Organization, Place, Event, Document, Group, Facility`,
    );
  });

  it('reports YAML syntax errors with their line', () => {
    const { errors } = parseDatasetText(
      'test.yaml',
      'format: trove-dataset/1\nsources:\n  - id: [unclosed\n',
    );
    expect(errors[0]).toMatchObject({ file: 'test.yaml', record: '(YAML)' });
    expect(errors[0]?.line).toBeGreaterThan(1);
  });

  it('rejects duplicate keys', () => {
    const { errors } = parseDatasetText('test.yaml', 'format: trove-dataset/1\nformat: trove-dataset/1\n');
    expect(errors[0]?.problem).toMatch(/unique/i);
    expect(errors[0]?.line).toBe(2);
  });
});

describe('quoteProblem', () => {
  it('accepts the exact text and says where a misplaced quote really is', () => {
    expect(quoteProblem('abc abc', 's', { quote: 'abc', start: 4, end: 7 })).toBeNull();
    expect(quoteProblem('abc abc', 's', { quote: 'abc', start: 1, end: 4 })).toContain(
      'it occurs at 0-3, 4-7',
    );
    expect(quoteProblem('abc', 's', { quote: 'abc', start: 2, end: 2 })).toBe('end 2 must be after start 2');
  });
});
