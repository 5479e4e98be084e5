export default { navigationBarTitleText: '变更网站' };
