// Types for the file-by-file imports of Taro's H5 React components used by the jest components module.
declare module '@tarojs/components-react/dist/components/*/index.js' {
  import type { ComponentType } from 'react';
  const component: ComponentType<any>;
  export default component;
}
