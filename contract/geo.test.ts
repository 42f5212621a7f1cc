import { describe, expect, it } from 'vitest';
import { placements } from './geo.js';
import type { GraphNodeT } from './graph.js';

const node = (id: string, kind: GraphNodeT['kind'], location?: GraphNodeT['location']) => ({
  id,
  kind,
  location,
});

describe('placements', () => {
  const xinjiang = {
    lat: 41.5,
    lon: 85.5,
    precision: 'region' as const,
    region: { id: 'xinjiang', name: 'Xinjiang' },
  };
  const kunming = { lat: 25.04, lon: 102.72, precision: 'city' as const, region: null };

  it('places an entity with a location where it is, and an event where its most precise place is', () => {
    const result = placements(
      [node('xinjiang', 'Place', xinjiang), node('station', 'Facility', kunming), node('attack', 'Event')],
      // The city comes first: a later, vaguer place must not replace it.
      [
        { source: 'attack', target: 'station' },
        { source: 'attack', target: 'xinjiang' },
      ],
    );
    expect(result.get('xinjiang')).toMatchObject({ lat: 41.5, via: null });
    expect(result.get('attack')).toMatchObject({ lat: 25.04, precision: 'city', via: 'station' });
  });

  it('does not place a person through a link, nor an event through an unlocated place or a link into it', () => {
    const result = placements(
      [
        node('xinjiang', 'Place', xinjiang),
        node('chen', 'Person'),
        node('nowhere', 'Place'),
        node('e', 'Event'),
      ],
      [
        { source: 'chen', target: 'xinjiang' },
        { source: 'e', target: 'nowhere' },
        { source: 'xinjiang', target: 'e' },
      ],
    );
    expect([...result.keys()]).toEqual(['xinjiang']);
  });
});
