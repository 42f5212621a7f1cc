// Pages under the app's real Content-Security-Policy (no bypassCSP), with axe-core available and
// every CSP violation reported, so an end-to-end test proves its view works as the header allows.
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { expect } from 'vitest';

const axePath = join(process.cwd(), 'node_modules', 'axe-core', 'axe.min.js');

/**
 * Runs in every document before its own scripts: it notes each CSP violation on the console (which
 * the test collects), and keeps the last one for enforcedPolicy().
 */
function watchViolations(): void {
  document.addEventListener('securitypolicyviolation', (event) => {
    const state = globalThis as { lastCspViolation?: unknown; probingCsp?: boolean };
    state.lastCspViolation = {
      directive: event.effectiveDirective,
      policy: event.originalPolicy,
      blocked: event.blockedURI,
    };
    // enforcedPolicy() breaks the policy on purpose; that one is not a problem of the page.
    if (!state.probingCsp)
      console.error(`CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`);
  });
}

/**
 * A new page with the page's CSP in force. axe-core is added as an init script, which Chromium runs
 * through the DevTools protocol (Page.addScriptToEvaluateOnNewDocument) and CSP does not govern,
 * unlike a <script> tag (page.addScriptTag is inline or outside 'self', and refused). Violations
 * and page errors go to `problems`.
 */
export async function openStrictPage(
  browser: Browser,
  url: string,
  problems: string[],
  options: BrowserContextOptions = {},
): Promise<Page> {
  const page = await browser.newPage({ reducedMotion: 'reduce', ...options, bypassCSP: false });
  await page.addInitScript(watchViolations);
  await page.addInitScript({ path: axePath });
  page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().startsWith('CSP violation:'))
      problems.push(`${page.url()}: ${message.text()}`);
  });
  await page.goto(url);
  return page;
}

/** axe-core over the whole page: nothing serious or critical. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe?: {
          run(ctx: Document): Promise<{
            violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe;
    if (!axe) throw new Error('axe-core was not injected');
    const result = await axe.run(document);
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  });
  expect(violations, name).toEqual([]);
}

/**
 * The policy the page enforces, read from the browser itself: an inline script is added (which a
 * policy without 'unsafe-inline' refuses), and the violation names the policy it broke. Returns
 * whether the script ran too.
 */
export async function enforcedPolicy(page: Page): Promise<{ ran: boolean; policy: string | null }> {
  return page.evaluate(async () => {
    const state = globalThis as {
      lastCspViolation?: { policy: string };
      inlineScriptRan?: boolean;
      probingCsp?: boolean;
    };
    state.lastCspViolation = undefined;
    state.probingCsp = true;
    const script = document.createElement('script');
    script.textContent = 'globalThis.inlineScriptRan = true;';
    document.head.append(script);
    // The violation event is dispatched asynchronously.
    const violation = () => state.lastCspViolation;
    for (let i = 0; i < 50 && !violation(); i += 1) await new Promise((r) => setTimeout(r, 20));
    script.remove();
    state.probingCsp = false;
    return { ran: state.inlineScriptRan === true, policy: violation()?.policy ?? null };
  });
}
