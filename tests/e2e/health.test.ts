import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/app.js';
import { launchBrowser, screenshot } from '../support/browser.js';
import type { RunningServer } from '../../server/src/server.js';

describe('the page', () => {
  let app: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    app = await startTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close(1_000);
  });

  it('opens in Chromium and reports the database as connected', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(app.url);
    const status = page.getByRole('status').filter({ hasText: 'Graph' });
    await status.getByText(/Graph ready · \d+ entities, \d+ links/).waitFor({ timeout: 15_000 });
    expect(await page.title()).toBe('Trove');
    await screenshot(page, 'health-connected');
    expect(errors).toEqual([]);
  });
});
