// Accessibility measurements on the H5 build beyond axe: tap target sizes (WCAG 2.5.8, the product's 44 × 44 rule),
// text enlarged to 150 % and a 320 px wide screen (WCAG 1.4.4 / 1.4.10): no sideways scrolling, no label broken
// inside a word (a long label may wrap between words).
import type { Page } from 'playwright-core';

export const TAP_MIN = 44;

export interface Target {
  name: string;
  width: number;
  height: number;
}

/**
 * Every tappable control on the visible page smaller than 44 × 44 CSS px: buttons, role=button / role=checkbox views,
 * inputs (their bordered box). Links inside a sentence are exempt (WCAG 2.5.8's inline exception) and have no role.
 */
export async function smallTargets(page: Page): Promise<Target[]> {
  return page.evaluate((min) => {
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden' && el.closest('.taro_page')?.checkVisibility() !== false;
    };
    const nameOf = (el: Element) => (el.getAttribute('aria-label') ?? (el as HTMLElement).innerText ?? el.tagName).trim().slice(0, 40);
    const controls = Array.from(document.querySelectorAll('#app taro-button-core, #app [role="button"], #app [role="checkbox"], #app .ui-input'));
    return controls
      .filter(visible)
      .map((el) => {
        const r = el.getBoundingClientRect();
        return { name: nameOf(el), width: Math.round(r.width * 10) / 10, height: Math.round(r.height * 10) / 10 };
      })
      .filter((t) => t.width < min - 0.5 || t.height < min - 0.5);
  }, TAP_MIN);
}

/** Sizes of the controls named `name` (aria-label or text) on the visible page. */
export async function targetSizes(page: Page, selector: string): Promise<Target[]> {
  return page.evaluate((sel) => {
    return Array.from(document.querySelectorAll(sel))
      .filter((el) => el.getBoundingClientRect().width > 0 && el.closest('.taro_page')?.checkVisibility() !== false)
      .map((el) => {
        const r = el.getBoundingClientRect();
        return { name: (el.getAttribute('aria-label') ?? (el as HTMLElement).innerText).trim(), width: r.width, height: r.height };
      });
  }, selector);
}

/**
 * Enlarges every text of the visible page by `factor`, as a phone's “larger text” setting does: font sizes grow, boxes
 * set in rem do not (all sizes are read first, then set, so nested texts do not compound). `restoreText` undoes it.
 */
export async function enlargeText(page: Page, factor: number): Promise<void> {
  await page.evaluate((f) => {
    const all = Array.from(document.querySelectorAll<HTMLElement>('#app *')).filter((el) => !el.dataset.a11yFont);
    const sizes = all.map((el) => parseFloat(getComputedStyle(el).fontSize));
    all.forEach((el, i) => {
      el.dataset.a11yFont = el.style.fontSize || 'none';
      el.style.fontSize = `${sizes[i] * f}px`;
    });
  }, factor);
}

export async function restoreText(page: Page): Promise<void> {
  await page.evaluate(() => {
    document.querySelectorAll<HTMLElement>('[data-a11y-font]').forEach((el) => {
      el.style.fontSize = el.dataset.a11yFont === 'none' ? '' : (el.dataset.a11yFont ?? '');
      delete el.dataset.a11yFont;
    });
  });
}

export interface LayoutProblems {
  /** How far the page scrolls sideways (0 when it does not). */
  overflowX: number;
  /** Visible elements reaching past the right edge of the screen. */
  pastEdge: string[];
  /** Labels whose text breaks inside a word or leaves a character alone on a line (e.g. 主体备案 / 号). */
  brokenLabels: string[];
}

const LABELS = [
  '.ui-field__label',
  '.ui-info-row__label',
  '.ui-diff__label',
  '.wz-material__label',
  '.progress-head__label',
  '.progress-head__status',
  '.wz-content__chip',
  '.ui-check__label',
];

/** What does not hold on the visible page at the current width and text size. */
export async function layoutProblems(page: Page): Promise<LayoutProblems> {
  return page.evaluate((labels) => {
    const width = window.innerWidth;
    const pageEl = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).find((el) => el.checkVisibility());
    const overflowX = Math.max(document.documentElement.scrollWidth - width, pageEl ? pageEl.scrollWidth - pageEl.clientWidth : 0, 0);
    const shown = (el: Element) => el.getBoundingClientRect().width > 0 && (!pageEl || pageEl.contains(el));
    const describe = (el: Element) => `${el.tagName.toLowerCase()}.${Array.from(el.classList).join('.')} “${((el as HTMLElement).innerText ?? '').trim().slice(0, 20)}”`;
    const pastEdge = Array.from(document.querySelectorAll('#app *'))
      .filter(shown)
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      // Report the outermost element only.
      .filter((el, _i, all) => !all.some((other) => other !== el && other.contains(el)))
      .slice(0, 8)
      .map(describe);
    // Where the label's text breaks onto a new line: the character offsets starting each line after the first.
    const lineStarts = (el: Element): { text: string; starts: number[] } => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      let text = '';
      const starts: number[] = [];
      let lastBottom: number | null = null;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const value = node.nodeValue ?? '';
        for (let i = 0; i < value.length; i += 1) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getBoundingClientRect();
          if (rect.width > 0) {
            const bottom = Math.round(rect.bottom);
            if (lastBottom !== null && bottom > lastBottom + 2) starts.push(text.length);
            lastBottom = bottom;
          }
          text += value[i];
        }
      }
      return { text, starts };
    };
    // A label may wrap only between words (Intl.Segmenter's), never leaving one or two characters alone on a line.
    const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
    const brokenInsideWord = (el: Element): boolean => {
      const { text, starts } = lineStarts(el);
      if (starts.length === 0) return false;
      const boundaries = new Set(Array.from(segmenter.segment(text), (s) => s.index));
      const edges = [0, ...starts, text.length];
      const shortLine = edges.slice(1).some((end, i) => end - edges[i] < 2);
      return shortLine || starts.some((start) => !boundaries.has(start));
    };
    const brokenLabels = Array.from(document.querySelectorAll(labels.join(',')))
      .filter(shown)
      .filter(brokenInsideWord)
      .map(describe);
    return { overflowX, pastEdge, brokenLabels };
  }, LABELS);
}
