import { describe, expect, it } from 'vitest';
import { allRoutes } from '../../../contract/index.js';
import { fillPath, routes } from './client.js';

describe("the page's API client", () => {
  it('calls every JSON endpoint at the method and path the contract declares', () => {
    const contract = Object.fromEntries(
      allRoutes
        // The export answers with files, downloaded by a link rather than read as JSON.
        .filter((route) => route.operationId !== 'exportGraph')
        .map((route) => [route.operationId, { method: route.method, path: route.path }]),
    );
    expect(routes).toEqual(contract);
  });

  it('fills path parameters, encoded', () => {
    expect(fillPath('/entities/:id/neighbors', { id: 'a/b c' })).toBe('/entities/a%2Fb%20c/neighbors');
  });
});
