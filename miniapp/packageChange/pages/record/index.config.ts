// Window settings of the read-only filed record page.
export default { navigationBarTitleText: '备案信息' };
