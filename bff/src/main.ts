// Entry point: `tsx bff/src/main.ts` — reads settings from the environment, starts the BFF, stops cleanly on a signal.
import { startBff } from './app';

async function main(): Promise<void> {
  let bff;
  try {
    bff = await startBff();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  const stop = async () => {
    await bff.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main();
