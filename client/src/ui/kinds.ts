import { entityKinds, stances } from '../../../contract/vocabulary-lists.js';
import type { EntityKind, Stance } from '../api/types.js';

export const KINDS: readonly EntityKind[] = entityKinds;

export type Shape = 'ellipse' | 'round-rectangle' | 'diamond' | 'star' | 'rhomboid' | 'hexagon' | 'triangle';

/**
 * Okabe–Ito colours, which stay distinguishable under the common colour-vision deficiencies, and a
 * distinct shape per kind so that colour is never the only cue.
 */
export const KIND_STYLE: Record<EntityKind, { color: string; border: string; shape: Shape; plural: string }> =
  {
    Person: { color: '#E69F00', border: '#8a5f00', shape: 'ellipse', plural: 'People' },
    Organization: { color: '#0072B2', border: '#004a75', shape: 'round-rectangle', plural: 'Organizations' },
    Place: { color: '#009E73', border: '#005c43', shape: 'diamond', plural: 'Places' },
    Event: { color: '#D55E00', border: '#7f3800', shape: 'star', plural: 'Events' },
    Document: { color: '#56B4E9', border: '#1f6f9c', shape: 'rhomboid', plural: 'Documents' },
    Group: { color: '#CC79A7', border: '#8a3f69', shape: 'hexagon', plural: 'Groups' },
    Facility: { color: '#F0E442', border: '#8c8400', shape: 'triangle', plural: 'Facilities' },
  };

export const STANCE_STYLE: Record<
  Stance,
  { line: 'solid' | 'dashed' | 'dotted'; label: string; hint: string }
> = {
  reported: {
    line: 'solid',
    label: 'Reported',
    hint: 'stated as fact by the source or an observer it cites',
  },
  claimed: { line: 'dashed', label: 'Claimed', hint: 'asserted by a party to the matter, not endorsed' },
  disputed: { line: 'dotted', label: 'Disputed', hint: 'contested by whoever is named' },
  denied: { line: 'dotted', label: 'Denied', hint: 'denied by whoever is named' },
};

export const STANCES: readonly Stance[] = stances;
