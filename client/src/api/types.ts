// The page speaks the API's own contract: these are the server's zod-derived types, imported as
// types only, so nothing of zod or the server reaches the bundle.
export type { EntityKind, Stance, DateRangeT } from '../../../server/src/contract/common.js';
export type { GraphNodeT, GraphEdgeT, GraphPayloadT, EvidenceT } from '../../../server/src/contract/graph.js';
export type { SearchResponseT, SearchResultT } from '../../../server/src/contract/search.js';
export type { EntityResponseT, NeighborsResponseT, MentionT } from '../../../server/src/contract/entities.js';
export type { PathsResponseT } from '../../../server/src/contract/paths.js';
export type { VocabularyResponseT } from '../../../server/src/contract/vocabulary.js';
export type { SourceResponseT, SourceMentionT } from '../../../server/src/contract/sources.js';
export type { HealthT } from '../../../server/src/contract/health.js';
export type { ErrorBodyT } from '../../../server/src/contract/common.js';
