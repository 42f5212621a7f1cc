// The closed lists of the data model live in model/ (the stored model); re-exported here because
// the page imports them from this path.
export { datePrecisions, entityKinds, stances } from '../model/index.js';
export type { EntityKind, Stance } from '../model/index.js';
