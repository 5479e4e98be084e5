export default { navigationBarTitleText: '审核进度', enablePullDownRefresh: true, backgroundTextStyle: 'dark' };
