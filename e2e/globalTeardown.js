// After the browser journeys: remove the H5 snapshot globalSetup made.
const { rmSync } = require('node:fs');

module.exports = async function removeH5Snapshot() {
  if (process.env.E2E_H5_SNAPSHOT) rmSync(process.env.E2E_H5_SNAPSHOT, { recursive: true, force: true });
};
