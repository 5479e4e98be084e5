export default { navigationBarTitleText: '服务条款' };
