// H5 only: Taro's page containers scroll by themselves, but are not focusable, so a keyboard user could not scroll a
// page whose content has no focusable element (WCAG 2.1.1, axe's scrollable-region-focusable). Each page container
// becomes focusable as Taro mounts it. Taro.previewImage's full-screen viewer shows the photo in an <img> without
// alternative text (WCAG 1.1.1): it gets one.
export function installH5Accessibility(): void {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined' || typeof MutationObserver === 'undefined') return;
  const mark = () => {
    document.querySelectorAll<HTMLElement>('.taro_page:not([tabindex])').forEach((page) => {
      page.tabIndex = 0;
    });
    document.querySelectorAll<HTMLImageElement>('.swiper-zoom-container > img:not([alt])').forEach((img) => {
      img.alt = '照片大图';
    });
  };
  mark();
  new MutationObserver(mark).observe(document.body, { childList: true, subtree: true });
}
