export default { navigationBarTitleText: '备案信息总览', enablePullDownRefresh: true, backgroundTextStyle: 'dark' };
