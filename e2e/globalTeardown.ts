// After the browser journeys: remove the H5 snapshot globalSetup made.
import { rmSync } from 'node:fs';

export default function removeH5Snapshot(): void {
  if (process.env.E2E_H5_SNAPSHOT) rmSync(process.env.E2E_H5_SNAPSHOT, { recursive: true, force: true });
}
