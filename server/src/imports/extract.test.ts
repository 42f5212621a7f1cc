// The worker that reads HTML and PDF uploads is kept warm between jobs (starting one cost most of
// an upload's time), but a job that overruns its time or heap still ends its worker, and the next
// job gets a fresh one that works.
import { describe, expect, it } from 'vitest';
import { extract, extractWorkers, ExtractError } from './extract.js';

const page = (words: string) =>
  new TextEncoder().encode(
    `<!doctype html><html><head><title>T</title></head><body><article><p>${words}</p><p>Second paragraph of the article, long enough for Readability to keep it as the main text.</p></article></body></html>`,
  );

// About 4 MB of markup parsed into a DOM: seconds of work, and far more than 16 MB of heap holds.
const huge = new TextEncoder().encode(
  `<!doctype html><html><body>${'<div><p>word word word</p></div>'.repeat(120_000)}</body></html>`,
);

describe('extracting uploads on a warm worker', () => {
  it('reads one HTML file after another on the same worker', async () => {
    const first = await extract(page('Zhu Hailun met Chen Quanguo in Kashgar.'), 'text/html');
    expect(first.text).toContain('Zhu Hailun met Chen Quanguo in Kashgar.');
    const before = extractWorkers();
    expect(before.idle).toBe(1);
    for (let i = 0; i < 3; i += 1) {
      const next = await extract(page(`Run ${i}: Hotan and Yarkand.`), 'text/html');
      expect(next.text).toContain(`Run ${i}: Hotan and Yarkand.`);
    }
    expect(extractWorkers().started).toBe(before.started);
  }, 60_000);

  it('ends a worker whose job overruns its time, and the next job works on a new one', async () => {
    await extract(page('warm'), 'text/html');
    const failed = extract(huge, 'text/html', { timeMs: 200, heapMb: 256 });
    await expect(failed).rejects.toBeInstanceOf(ExtractError);
    await expect(failed).rejects.toThrow(/took longer than/);
    expect(extractWorkers().idle).toBe(0);
    const after = await extract(page('Back to work.'), 'text/html');
    expect(after.text).toContain('Back to work.');
    expect(extractWorkers().idle).toBe(1);
  }, 60_000);

  it('ends a worker whose job overruns its heap, and the next job works on a new one', async () => {
    const failed = extract(huge, 'text/html', { timeMs: 60_000, heapMb: 16 });
    await expect(failed).rejects.toThrow(/needed more than 16 MB|could not be read/);
    const after = await extract(page('Still reading.'), 'text/html');
    expect(after.text).toContain('Still reading.');
  }, 120_000);
});
