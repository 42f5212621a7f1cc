import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import type { DatasetEntity, DatasetRelationship } from './dataset.js';
import { mergedEntityProps, mergedRelationshipProps } from './load.js';

const xi: DatasetEntity = {
  id: 'xi-jinping',
  kind: 'Person',
  official: true,
  name: 'Xi Jinping',
  aliases: ['Xi', 'Mr. Xi'],
  backgroundAliases: ['习近平'],
  description: 'President of China.',
  numbers: {},
};

describe('mergedEntityProps', () => {
  it('stores the record as it is when nothing is stored yet', () => {
    expect(
      mergedEntityProps({ ...xi, numbers: { speeches: { value: 3, qualifier: 'at least' } } }, undefined),
    ).toEqual({
      id: 'xi-jinping',
      kind: 'Person',
      name: 'Xi Jinping',
      aliases: ['Xi', 'Mr. Xi', '习近平'],
      backgroundAliases: ['习近平'],
      description: 'President of China.',
      speeches: 3,
      speechesQualifier: 'at least',
    });
  });

  it('unions aliases, and an alias one source contains is no longer background', () => {
    const stored = {
      aliases: ['Xi', 'President Xi', '习近平', 'Mr. Xi'],
      backgroundAliases: ['习近平', 'Mr. Xi'],
      role: 'President of China',
    };
    const merged = mergedEntityProps(xi, stored);
    expect(merged.aliases).toEqual(['Xi', 'President Xi', '习近平', 'Mr. Xi']);
    expect(merged.backgroundAliases).toEqual(['习近平']);
    expect(merged).not.toHaveProperty('role'); // not given: the stored role is kept, not written
  });

  it('replaces the whole date when the record has one, removing a stored end', () => {
    const merged = mergedEntityProps(
      { ...xi, date: { start: '2014', precision: 'year' } },
      { dateStart: '2013', dateEnd: '2015' },
    );
    expect(merged).toMatchObject({ dateStart: '2014', dateEnd: null, datePrecision: 'year' });
  });
});

describe('mergedRelationshipProps', () => {
  const rel: DatasetRelationship = {
    id: 'xi-jinping-gave-speech-xi-2014-speech',
    type: 'GAVE_SPEECH',
    from: 'xi-jinping',
    to: 'xi-2014-speech',
    description: 'Xi Jinping gave a speech in 2014.',
    evidence: [{ source: 'note', quote: 'Mr. Xi gave a speech', start: 0, end: 20 }],
    date: { start: '2014', precision: 'year' },
  };

  it('appends new evidence to stored evidence, without duplicates, as parallel lists', () => {
    const stored = {
      evidenceSource: ['article', 'note'],
      evidenceStart: [neo4j.int(5), neo4j.int(0)],
      evidenceEnd: [neo4j.int(9), neo4j.int(20)],
      evidenceQuote: ['Xi s', 'Mr. Xi gave a speech'],
    };
    const merged = mergedRelationshipProps(
      { ...rel, evidence: [...rel.evidence, { source: 'note', quote: 'speech', start: 14, end: 20 }] },
      stored,
    );
    expect(merged).toMatchObject({
      evidenceSource: ['article', 'note', 'note'],
      evidenceStart: [5, 0, 14],
      evidenceEnd: [9, 20, 20],
      evidenceQuote: ['Xi s', 'Mr. Xi gave a speech', 'speech'],
    });
  });

  it('writes absent attribution and date as null so that they are removed', () => {
    const merged = mergedRelationshipProps(
      { ...rel, date: undefined },
      { assertedBy: ['x'], stance: 'claimed', dateStart: '2014' },
    );
    expect(merged).toMatchObject({
      assertedBy: null,
      stance: null,
      dateStart: null,
      dateEnd: null,
      datePrecision: null,
    });
  });

  it('stores attribution as a list of entity ids with a stance', () => {
    const merged = mergedRelationshipProps(
      { ...rel, attribution: { by: ['rights-groups', 'foreign-media'], stance: 'reported' } },
      undefined,
    );
    expect(merged).toMatchObject({ assertedBy: ['rights-groups', 'foreign-media'], stance: 'reported' });
  });
});
