// Builds dist/weapp before the weapp tests when it is missing or older than the sources, so `npm test` works on a
// fresh clone and after any source change (the same build-if-stale logic and lock as `npm start` and the e2e setup).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildIfStale } from '../../../scripts/buildBundle';

export default function buildWeappIfStale(): void {
  const startedAt = Date.now();
  if (!buildIfStale('weapp', { log: (line) => process.stdout.write(`\n${line}\n`) })) return;
  if (!existsSync(join(__dirname, '..', '..', '..', 'dist', 'weapp', 'app.js'))) {
    throw new Error('[weapp] the weapp build did not finish; see the build output above');
  }
  process.stdout.write(`[weapp] ready after ${Math.round((Date.now() - startedAt) / 1000)} s\n`);
}
