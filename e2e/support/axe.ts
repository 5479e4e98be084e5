// axe-core on the screen a journey shows: WCAG 2.x A/AA rules (2.2 included); serious and critical violations fail.
// The script is evaluated through the DevTools protocol, so the page's CSP (hashed inline scripts only) does not apply.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Serious and critical violations on the visible page (Taro keeps earlier pages of the stack hidden; axe skips them). */
export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(async (tags) => {
    const axe = (
      window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? 'unknown', help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  }, TAGS);
  return found.filter((f) => f.impact === 'serious' || f.impact === 'critical');
}

/** Fails with every serious or critical violation of the screen, named so the fix is findable. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const found = await seriousViolations(page);
  if (found.length === 0) return;
  const lines = found.map((f) => `  [${f.impact}] ${f.id}: ${f.help}\n    ${f.targets.join('\n    ')}`);
  throw new Error(`axe: ${found.length} serious/critical violation(s) on screen “${screen}”:\n${lines.join('\n')}`);
}
