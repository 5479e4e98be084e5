// Stylesheets are irrelevant to behaviour tests: every style import resolves to this empty module.
export default {};
