// What every sandbox route module receives: state, review logic, configuration and the base URL it is reachable at.
import type { SandboxConfig } from '../env';
import type { ReviewDesk } from '../reviewDesk';
import type { StateStore } from '../store';
import type { VerificationDesk } from '../verificationDesk';

export interface SandboxDeps {
  store: StateStore;
  desk: ReviewDesk;
  verification: VerificationDesk;
  config: SandboxConfig;
  /** Base of absolute URLs handed out (no trailing slash), known once the server listens. */
  publicUrl(): string;
  /** Port the SMTP server listens on (differs from the setting when that is 0). */
  smtpPort(): number;
}

/** Stored image paths (`/files/x.jpg`) as absolute URLs. */
export function absoluteUrl(deps: SandboxDeps, path: string): string {
  return /^https?:\/\//.test(path) ? path : `${deps.publicUrl()}${path}`;
}
