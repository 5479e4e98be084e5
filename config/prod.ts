// Production build overrides: minified output (webpack minifies the scripts and styles; the templates lose their
// indentation here), quiet logger. Sizes are measured on this build, and it is the one uploaded to WeChat.
import type { UserConfigExport } from '@tarojs/cli';

export default {
  logger: { quiet: true, stats: false },
  mini: { minifyXML: { collapseWhitespace: true } },
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
