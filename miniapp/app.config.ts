// The mini-program's pages (main package and the change subpackage, from pageUrls.ts), the subpackage preload and the
// window look (read by the Taro build; the first page is the entry).
import type Taro from '@tarojs/taro';
import { CHANGE_PACKAGE, MAIN_PAGES } from './pageUrls';

export default {
  pages: [MAIN_PAGES.login, MAIN_PAGES.overview, MAIN_PAGES.progress, MAIN_PAGES.terms],
  subPackages: [{ root: CHANGE_PACKAGE.root, pages: Object.values(CHANGE_PACKAGE.pages) }],
  // The overview is where a change starts: fetch the wizard's package while the applicant reads it.
  preloadRule: { [MAIN_PAGES.overview]: { network: 'all', packages: [CHANGE_PACKAGE.root] } },
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#F3F5F8',
    navigationBarBackgroundColor: '#FFFFFF',
    navigationBarTitleText: '备案变更助手',
    navigationBarTextStyle: 'black',
  },
} satisfies Taro.AppConfig;
