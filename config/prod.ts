// Production build overrides: minified output (webpack's terser and CSS minimizer run in production mode; templates are
// left as Taro writes them — its minifyXML drops the end tag of <input>, which WeChat's WXML compiler refuses, and
// DevTools compresses WXML on upload), quiet logger. Sizes are measured on this build; it is the one uploaded.
import type { UserConfigExport } from '@tarojs/cli';

export default {
  logger: { quiet: true, stats: false },
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
