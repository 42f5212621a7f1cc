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

describe('mergedEntityProps with provenance', () => {
  it('keeps the value another dataset set and records the disagreeing one as a sourced alternative', () => {
    const first = mergedEntityProps(xi, undefined, 'article');
    expect(first.fieldSources).toEqual(['description=article', 'name=article']);
    const second = mergedEntityProps({ ...xi, description: 'Leader of China.' }, first, 'note');
    expect(second).not.toHaveProperty('description');
    expect(second.alternatives).toEqual([
      JSON.stringify({ field: 'description', value: 'Leader of China.', source: 'note' }),
    ]);
    // The same dataset may change what it set itself.
    expect(mergedEntityProps({ ...xi, description: 'Changed.' }, first, 'article')).toMatchObject({
      description: 'Changed.',
      alternatives: null,
    });
  });
});

describe('mergedRelationshipProps', () => {
  const rel: DatasetRelationship = {
    id: 'xi-jinping-gave-speech-xi-2014-speech',
    type: 'GAVE_SPEECH',
    from: 'xi-jinping',
    to: 'xi-2014-speech',
    description: 'Xi Jinping gave a speech in 2014.',
    claimsField: 'claims',
    claims: [
      { source: 'note', quote: 'Mr. Xi gave a speech', start: 0, end: 20, by: [], stance: 'reported' },
    ],
    date: { start: '2014', precision: 'year' },
  };

  it("keeps other sources' claims, replaces its own, in reading order, as parallel lists", () => {
    const stored = {
      evidenceSource: ['article', 'note'],
      evidenceStart: [neo4j.int(5), neo4j.int(3)],
      evidenceEnd: [neo4j.int(9), neo4j.int(7)],
      evidenceQuote: ['Xi s', 'an old quote the note no longer makes'],
    };
    const merged = mergedRelationshipProps(
      {
        ...rel,
        claims: [
          ...rel.claims,
          { source: 'note', quote: 'speech', start: 14, end: 20, by: ['xi-jinping'], stance: 'claimed' },
        ],
      },
      stored,
      new Set(['note']),
    );
    expect(merged).toMatchObject({
      evidenceSource: ['article', 'note', 'note'],
      evidenceStart: [5, 0, 14],
      evidenceEnd: [9, 20, 20],
      evidenceQuote: ['Xi s', 'Mr. Xi gave a speech', 'speech'],
      claimAssertedBy: ['', '', 'xi-jinping'],
      claimStance: ['reported', 'reported', 'claimed'],
      assertedBy: ['xi-jinping'],
      sourceCount: 2,
      // The article's own voice, the note's own voice, Xi.
      asserterCount: 3,
      contested: true,
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
      contested: false,
    });
  });

  it('derives asserters from the claims, as a list of entity ids with a stance', () => {
    const merged = mergedRelationshipProps(
      { ...rel, claims: rel.claims.map((c) => ({ ...c, by: ['rights-groups', 'foreign-media'] })) },
      undefined,
    );
    expect(merged).toMatchObject({
      assertedBy: ['rights-groups', 'foreign-media'],
      stance: 'reported',
      claimAssertedBy: ['rights-groups,foreign-media'],
      sourceCount: 1,
      asserterCount: 2,
    });
  });
});
