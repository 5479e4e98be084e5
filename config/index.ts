// Taro build configuration shared by the weapp and H5 builds (source in miniapp/, output in dist/<platform>).
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';
import { WeappStatsPlugin } from './weappStats';
import { PrecompressPlugin } from './precompress';
import { FIRST_PAGE, FirstPagePlugin } from './firstPage';

// shared/ lives outside the source root; without this the build stops at the first `export interface`.
const sharedDir = path.resolve(__dirname, '..', 'shared');

const bffUrl = process.env.TARO_APP_BFF_URL ?? 'http://127.0.0.1:3000';

// A build for a real AppID (TARO_APP_ID, from the shell or .env.<mode>[.local]; Taro writes it into
// dist/weapp/project.config.json) is one a phone will run: WeChat only lets it reach https origins registered as
// 合法域名, so a local http BFF would fail on every request. Stop here instead (docs/wechat-publishing.md).
const appId = process.env.TARO_APP_ID;
if (process.env.TARO_ENV === 'weapp' && appId && appId !== 'touristappid' && !bffUrl.startsWith('https://')) {
  throw new Error(`TARO_APP_BFF_URL must be the BFF's https:// origin registered as request 合法域名 when building for AppID ${appId} (it is ${bffUrl})`);
}

export default defineConfig<'webpack5'>((merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'beian-change-assistant',
    date: '2026-11-26',
    designWidth: 375,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'miniapp',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {
      // The BFF origin for the weapp build; H5 talks to its own origin.
      'process.env.TARO_APP_BFF_URL': JSON.stringify(bffUrl),
      // The subscribe-message template ids granted in the MP console (empty: the sandbox's demo ids, services/config.ts).
      'process.env.TARO_APP_TMPL_REVIEW_RESULT': JSON.stringify(process.env.TARO_APP_TMPL_REVIEW_RESULT ?? ''),
      'process.env.TARO_APP_TMPL_MIIT_CHECK': JSON.stringify(process.env.TARO_APP_TMPL_MIIT_CHECK ?? ''),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    // WeChat templates cannot recurse, so Taro writes one copy of each component's template per nesting level into
    // the weapp's base.wxml (main package). 12 levels (default 16) hold our deepest page; a deeper node continues
    // through Taro's `comp` component, which starts again at level 0. Saves ~8 KB of the main package.
    baseLevel: 12,
    mini: {
      compile: { include: [sharedDir] },
      webpackChain(chain) {
        if (process.env.WEAPP_STATS) chain.plugin('weapp-stats').use(WeappStatsPlugin);
      },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [sharedDir] },
      webpackChain(chain) {
        // Taro.request's H5 version imports polyfills for browsers without fetch or AbortController (before 2019:
        // iOS < 12.1, Chrome < 66) and a JSONP fallback (its `jsonp` option, which we never pass). The H5 build is the
        // demo for current browsers: ≈ 6 KB brotli less on the first page's chunk (≈ 0.12 s at 400 kbps).
        const unused = ['whatwg-fetch', 'abortcontroller-polyfill/dist/abortcontroller-polyfill-only', 'jsonp-retry'];
        chain.merge({ resolve: { alias: Object.fromEntries(unused.map((name) => [name, false])) } });
        if (process.env.NODE_ENV === 'development') return;
        // The first page (the demo applicant picker) and its applicant list start with the HTML (config/firstPage.ts).
        chain.plugin('first-page').use(FirstPagePlugin, [FIRST_PAGE]);
        chain.plugin('precompress').use(PrecompressPlugin);
      },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
