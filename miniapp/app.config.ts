// The mini-program's page list and window look (read by the Taro build; the first page is the entry).
import type Taro from '@tarojs/taro';

export default {
  pages: [
    'pages/login/index',
    'pages/overview/index',
    'pages/progress/index',
    'pages/terms/index',
    'pages/wizard/index',
    'pages/capture/index',
  ],
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#F3F5F8',
    navigationBarBackgroundColor: '#FFFFFF',
    navigationBarTitleText: '备案变更助手',
    navigationBarTextStyle: 'black',
  },
} satisfies Taro.AppConfig;
