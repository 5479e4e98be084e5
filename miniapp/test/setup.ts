// jsdom setup for the miniapp project: globals Taro's build would define, and a clean Taro double per test.
import { taroMock } from './taro-mock';

Object.assign(globalThis, {
  // Read by @tarojs/components' React wrappers; the build defines it, jest does not.
  DEPRECATED_ADAPTER_COMPONENT: false,
  ENABLE_INNER_HTML: true,
  ENABLE_ADJACENT_HTML: true,
  ENABLE_SIZE_APIS: false,
  ENABLE_TEMPLATE_CONTENT: true,
  ENABLE_CLONE_NODE: true,
  ENABLE_CONTAINS: true,
  ENABLE_MUTATION_OBSERVER: false,
});

beforeEach(() => {
  taroMock.reset();
});
