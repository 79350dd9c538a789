import { mkdirSync, statSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Where the browser tests photograph the tab: a git-ignored folder by default. The pictures hold
 * the day's dates and demo data, so writing them over the README's pictures in docs/screenshots/
 * on every run left every checkout changed. `UPDATE_SCREENSHOTS=1` writes the README's pictures.
 */
export const SCREENSHOTS =
  process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots';

/** A compact PNG of what the user sees (the viewport, not the whole scroll height). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = `${SCREENSHOTS}/${name}.png`;
  await page.screenshot({ path, animations: 'disabled' });
  expect(statSync(path).size, path).toBeLessThan(250_000);
}
