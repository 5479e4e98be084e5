// Before the browser journeys: build dist/h5 when stale (shared logic with `npm start`) and snapshot it into a temp
// folder the BFF serves, so a rebuild of dist/h5 by another tool during the run cannot break the pages under test.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIfStale } from '../scripts/buildBundle';

export default function prepareH5(): void {
  // A build given from outside (E2E_H5_DIR) is used as it is: handy while iterating on one journey.
  if (process.env.E2E_H5_DIR) return;
  const snapshot = mkdtempSync(join(tmpdir(), 'e2e-h5-'));
  buildIfStale('h5', { snapshotTo: snapshot, log: (line) => process.stdout.write(`\n${line}\n`) });
  // Workers start after globalSetup and inherit this environment.
  process.env.E2E_H5_DIR = snapshot;
  process.env.E2E_H5_SNAPSHOT = snapshot;
}
