import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { usePageSuite } from '../support/page-suite.js';

describe('the page', () => {
  const suite = usePageSuite();

  it('opens in Chromium and reports the database as connected', async () => {
    const page = await suite.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(suite.app.url);
    const status = page.getByRole('status').filter({ hasText: 'Graph' });
    await status.getByText(/Graph ready · \d+ entities, \d+ links/).waitFor({ timeout: 15_000 });
    expect(await page.title()).toBe('Trove');
    await screenshot(page, 'health-connected');
    expect(errors).toEqual([]);
  });
});
