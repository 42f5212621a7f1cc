import { describe, expect, it } from 'vitest';
import { ApiError } from './http.js';

describe('what an API failure tells the page', () => {
  it('says the database is down only when the server says so', () => {
    expect(new ApiError(503, 'DATABASE_UNAVAILABLE', 'The database is unavailable.').databaseDown).toBe(true);
    // A busy server and a write deadlock also answer 503, but the database is there.
    for (const code of ['OVERLOADED', 'DATABASE_BUSY']) {
      const error = new ApiError(503, code, 'The server is busy: try again in a second.');
      expect(error.databaseDown, code).toBe(false);
      expect(error.busy, code).toBe(true);
    }
    expect(new ApiError(404, 'NOT_FOUND', 'No entity x.').busy).toBe(false);
  });
});
