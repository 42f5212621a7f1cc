// The page speaks the API's own contract: these are the server's zod-derived types, imported as
// types only, so nothing of zod or the server reaches the bundle.
export type { EntityKind, Stance, DateRangeT } from '../../../contract/common.js';
export type { GraphNodeT, GraphEdgeT, GraphPayloadT, EvidenceT } from '../../../contract/graph.js';
export type { SearchResponseT, SearchResultT } from '../../../contract/search.js';
export type { EntityResponseT, NeighborsResponseT, MentionT } from '../../../contract/entities.js';
export type { PathsResponseT } from '../../../contract/paths.js';
export type { VocabularyResponseT } from '../../../contract/vocabulary.js';
export type { SourceResponseT, SourceMentionT } from '../../../contract/sources.js';
export type { HealthT } from '../../../contract/health.js';
export type { ErrorBodyT } from '../../../contract/common.js';
