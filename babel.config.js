// Babel for the Taro builds only (jest uses @swc/jest): React + TypeScript via babel-preset-taro.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
