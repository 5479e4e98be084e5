// Window settings of the notification settings page.
export default { navigationBarTitleText: '通知设置' };
