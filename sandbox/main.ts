// `npm run sandbox`: the outside systems in one process, configured by SANDBOX_* variables (see docs/contracts/sandbox.md).
import { ConfigError, configFromEnv } from './env';
import { startSandbox } from './server';

async function main(): Promise<void> {
  let config;
  try {
    config = configFromEnv();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`[sandbox] ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  const sandbox = await startSandbox(config);
  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e) => {
  console.error('[sandbox] failed to start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
