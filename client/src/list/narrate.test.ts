import { describe, expect, it } from 'vitest';
import type { GraphEdgeT } from '../api/types.js';
import { edgeFixture } from '../../../contract/fixtures.js';
import { narrateEdge } from './narrate.js';

const edge = (patch: Partial<GraphEdgeT>): GraphEdgeT =>
  edgeFixture('e', 'chen-quanguo', 'xinjiang', {
    type: 'APPOINTED_TO',
    date: { start: '2016', end: null, precision: 'year' },
    ...patch,
  });
const names: Record<string, string> = { 'chen-quanguo': 'Chen Quanguo', xinjiang: 'Xinjiang' };
const nameOf = (id: string) => names[id] ?? id;

describe('list narration', () => {
  it("reads a link's description as its sentence", () => {
    const text = narrateEdge(
      edge({ description: 'Chen Quanguo was appointed party chief in Xinjiang in 2016.' }),
      nameOf,
    );
    expect(text).toBe('Chen Quanguo was appointed party chief in Xinjiang in 2016.');
  });
  it('falls back to subject, verb and object with the date', () => {
    expect(narrateEdge(edge({}), nameOf)).toBe('Chen Quanguo appointed to Xinjiang (2016).');
  });
  it('says who asserts an attributed link', () => {
    const text = narrateEdge(
      edge({
        description: 'the camps are vocational schools',
        attribution: {
          by: 'china',
          byName: "China's government",
          stance: 'claimed',
          asserters: [{ id: 'china', name: "China's government" }],
        },
      }),
      nameOf,
    );
    expect(text).toBe("The camps are vocational schools, according to China's government.");
  });
});
