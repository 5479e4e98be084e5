// H5 only: Taro's page containers scroll by themselves, but are not focusable, so a keyboard user could not scroll a
// page whose content has no focusable element (WCAG 2.1.1, axe's scrollable-region-focusable). Each page container
// becomes focusable as Taro mounts it. Taro's buttons (taro-button-core) and the kit's role=button / role=checkbox
// views are not focusable either: they get a tab stop, and Enter or Space taps them as a click would (WCAG 2.1.1).
// Taro.previewImage's full-screen viewer shows the photo in an <img> without alternative text (WCAG 1.1.1): it gets one.
const TAPPABLE = 'taro-button-core, [role="button"], [role="checkbox"]';

export function installH5Accessibility(): void {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined' || typeof MutationObserver === 'undefined') return;
  const mark = () => {
    document.querySelectorAll<HTMLElement>('.taro_page:not([tabindex])').forEach((page) => {
      page.tabIndex = 0;
    });
    document.querySelectorAll<HTMLElement>(`:is(${TAPPABLE}):not([tabindex])`).forEach((el) => {
      el.tabIndex = 0;
    });
    document.querySelectorAll<HTMLImageElement>('.swiper-zoom-container > img:not([alt])').forEach((img) => {
      img.alt = '照片大图';
    });
  };
  mark();
  new MutationObserver(mark).observe(document.body, { childList: true, subtree: true });
  document.addEventListener('keydown', (e) => {
    const target = e.target as HTMLElement | null;
    if ((e.key !== 'Enter' && e.key !== ' ') || !target?.matches?.(TAPPABLE)) return;
    e.preventDefault();
    target.click();
  });
}
