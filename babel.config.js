// Babel for the Taro builds only (jest uses @swc/jest): React + TypeScript via babel-preset-taro.
// The H5 build is for current browsers (2020 on: Chrome 80, iOS/Safari 13.4 — the versions with optional chaining;
// WeChat's in-app browser is newer), so async functions, classes and spread ship as written instead of as
// regenerator state machines and helpers: fewer bytes on a weak network. The weapp build keeps babel-preset-taro's
// defaults (iOS 9, Android 5), which WeChat's oldest supported clients need.
const h5 = process.env.TARO_ENV === 'h5';
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5', ...(h5 ? { targets: { chrome: '80', ios: '13.4', safari: '13.1' } } : {}) }]],
};
