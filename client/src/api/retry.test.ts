import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from './client.js';
import { ApiError } from './http.js';

const shed = () =>
  new Response(JSON.stringify({ error: { code: 'OVERLOADED', message: 'The server is busy.' } }), {
    status: 503,
    headers: { 'content-type': 'application/json', 'retry-after': '1' },
  });
const ok = () =>
  new Response(JSON.stringify({ status: 'ok' }), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });

/** A busy server sheds a read with 503 and Retry-After: the page asks again rather than show an error. */
describe('reads the server shed', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('are asked again after Retry-After and answer with the later response', async () => {
    vi.useFakeTimers();
    const fetch = vi.fn().mockResolvedValueOnce(shed()).mockResolvedValueOnce(shed()).mockResolvedValue(ok());
    vi.stubGlobal('fetch', fetch);
    const answer = api('getHealth', {});
    await vi.advanceTimersByTimeAsync(2_000);
    await expect(answer).resolves.toEqual({ status: 'ok' });
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('give up after three more tries, with the server’s own error', async () => {
    vi.useFakeTimers();
    const fetch = vi.fn().mockImplementation(() => Promise.resolve(shed()));
    vi.stubGlobal('fetch', fetch);
    const answer = api('getHealth', {}).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(5_000);
    const error = await answer;
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('OVERLOADED');
    expect(fetch).toHaveBeenCalledTimes(4);
  });

  it('are not retried without Retry-After, and writes never are', async () => {
    const fetch = vi
      .fn()
      .mockImplementation(() =>
        Promise.resolve(
          new Response(JSON.stringify({ error: { code: 'X', message: 'down' } }), { status: 503 }),
        ),
      );
    vi.stubGlobal('fetch', fetch);
    await expect(api('getHealth', {})).rejects.toBeInstanceOf(ApiError);
    expect(fetch).toHaveBeenCalledTimes(1);
    fetch.mockImplementation(() => Promise.resolve(shed()));
    await expect(api('deleteStory', { params: { id: 'a-story' } })).rejects.toBeInstanceOf(ApiError);
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
