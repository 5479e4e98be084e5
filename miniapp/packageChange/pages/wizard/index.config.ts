// Window settings of the change wizard page.
export default { navigationBarTitleText: '变更网站' };
