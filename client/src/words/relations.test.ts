import { describe, expect, it } from 'vitest';
import type { GraphEdgeT } from '../api/types.js';
import { edgeFixture } from '../../../contract/fixtures.js';
import { narrateEdge } from '../list/narrate.js';
import { agreeingVerb, isPluralName } from './relations.js';

const edge = (patch: Partial<GraphEdgeT>): GraphEdgeT =>
  edgeFixture('e', 'party-dissenters', 'xi-jinping', { type: 'SEEKS_ACCOUNTABILITY_FROM', ...patch });

describe('relationship wording', () => {
  it('makes the verb agree with a group named in the plural', () => {
    const dissenters = { name: 'Party members opposed to the policy', kind: 'Group' as const };
    expect(agreeingVerb('SEEKS_ACCOUNTABILITY_FROM', dissenters)).toBe('seek accountability from');
    expect(agreeingVerb('GOVERNS', { name: 'Human rights groups', kind: 'Organization' })).toBe('govern');
    expect(
      agreeingVerb('SHEDS_LIGHT_ON', { name: 'Families of the returning students', kind: 'Group' }),
    ).toBe('shed light on');
    // Past tenses need nothing.
    expect(agreeingVerb('DETAINED_IN', { name: 'Uighurs', kind: 'Group' })).toBe('detained in');
  });

  it('keeps the singular for one person, one place, or a group named in the singular', () => {
    expect(agreeingVerb('SEEKS_ACCOUNTABILITY_FROM', { name: 'Unnamed leaker', kind: 'Person' })).toBe(
      'seeks accountability from',
    );
    expect(isPluralName('Chinese leadership', 'Group')).toBe(false);
    expect(isPluralName('Chinese political establishment', 'Group')).toBe(false);
    expect(isPluralName('James Leibold', 'Person')).toBe(false);
    expect(isPluralName('Other mostly Muslim minorities', 'Group')).toBe(true);
  });

  it('narrates a group link in the plural', () => {
    const names: Record<string, string> = {
      'party-dissenters': 'Party members opposed to the policy',
      'xi-jinping': 'Xi Jinping',
    };
    const text = narrateEdge(
      edge({}),
      (id) => names[id] ?? id,
      (id) => (id === 'party-dissenters' ? 'Group' : 'Person'),
    );
    expect(text).toBe('Party members opposed to the policy seek accountability from Xi Jinping.');
  });

  it('does not add "according to X" to a sentence that already says X said it', () => {
    const leibold = { by: 'james-leibold', byName: 'James Leibold', stance: 'reported' as const };
    const text = narrateEdge(
      edge({
        description: 'James Leibold said many inside the party wish to hold Xi Jinping accountable.',
        attribution: { ...leibold, asserters: [{ id: 'james-leibold', name: 'James Leibold' }] },
      }),
      (id) => id,
    );
    expect(text).toBe('James Leibold said many inside the party wish to hold Xi Jinping accountable.');
    const other = narrateEdge(
      edge({
        description: 'many inside the party wish to hold Xi Jinping accountable',
        attribution: { ...leibold, asserters: [{ id: 'james-leibold', name: 'James Leibold' }] },
      }),
      (id) => id,
    );
    expect(other).toBe(
      'Many inside the party wish to hold Xi Jinping accountable, according to James Leibold.',
    );
  });
});
