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
  if (bff.env.DEMO_MODE) {
    // Said where a person starting it reads (stderr; the log may go elsewhere): demo mode must never be mistaken for production.
    console.error(
      `DEMO MODE: the demo applicant picker is open and the public default secrets are accepted; listening on ${bff.env.HOST}:${bff.port}` +
        `${bff.env.HOST === '127.0.0.1' ? ' (loopback only; set HOST to open it to a network)' : ''}. Never run demo mode in production.`,
    );
  }
  const stop = async () => {
    await bff.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main();
