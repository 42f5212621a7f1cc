// What went wrong in the domain's own terms. Use cases and queries throw these; only the HTTP edge
// (http/errors.ts) knows which status each becomes, so the same functions serve the CLI and tests.

export type DomainErrorKind = 'not-found' | 'invalid' | 'conflict' | 'forbidden';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    /** The input field at fault, when one is: `steps.2.nodeIds`, `to`, `depth`. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Nothing has this id (an entity, a source, a story, a draft). */
export const notFound = (message: string, field?: string): DomainError =>
  new DomainError('not-found', message, field);

/** The input is well-formed but makes no sense here: a date range backwards, an unknown type. */
export const invalid = (message: string, field?: string): DomainError =>
  new DomainError('invalid', message, field);

/** The thing changed since the caller read it, or the write contradicts what is stored. */
export const conflict = (message: string, field?: string): DomainError =>
  new DomainError('conflict', message, field);

/** Allowed to nobody, whoever asks (a built-in story cannot be edited). */
export const forbidden = (message: string): DomainError => new DomainError('forbidden', message);
