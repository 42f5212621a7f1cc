import type { ResponseOf } from '../api/client.js';

export type Draft = ResponseOf<'getImport'>;
export type Candidate = Draft['candidates'][number];
export type Selection = { start: number; end: number; quote: string };
