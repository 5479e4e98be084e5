// `npm run bff` starts the BFF as bff/src/mallocEnv.ts says (npm start and the benches import the constants; the
// package.json script can only spell them out, so this keeps the two from drifting apart).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BFF_MALLOC_ENV, BFF_NODE_ARGS } from './mallocEnv';

test('npm run bff sets the malloc variable and the V8 flags a BFF must be started with', () => {
  const { scripts } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const words = scripts.bff.split(/\s+/);
  for (const [name, value] of Object.entries(BFF_MALLOC_ENV)) expect(words).toContain(`${name}=${value}`);
  const node = words.indexOf('node');
  const entry = words.indexOf('bff/src/main.ts');
  expect(node).toBeGreaterThanOrEqual(0);
  for (const flag of BFF_NODE_ARGS) {
    // A V8 flag counts only between `node` and the script (after it, it would be the script's own argument).
    expect(words.indexOf(flag)).toBeGreaterThan(node);
    expect(words.indexOf(flag)).toBeLessThan(entry);
  }
});
