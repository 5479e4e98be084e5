// Window settings of the material capture page.
export default { navigationBarTitleText: '上传资料' };
