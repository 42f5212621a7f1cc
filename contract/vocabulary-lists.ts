// The closed lists of the data model, as plain constants without zod, so the page can import them
// without bundling the schema library. contract/common.ts builds its schemas from these; the dataset
// schema and the page use the same lists.
export const entityKinds = [
  'Person',
  'Organization',
  'Place',
  'Event',
  'Document',
  'Group',
  'Facility',
] as const;
export type EntityKind = (typeof entityKinds)[number];

export const stances = ['reported', 'claimed', 'disputed', 'denied'] as const;
export type Stance = (typeof stances)[number];

export const datePrecisions = ['year', 'month', 'day'] as const;
