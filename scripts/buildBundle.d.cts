// Types of scripts/buildBundle.cjs (plain CommonJS so jest's globalSetup can require it without a compiler).
export type BundleType = 'h5' | 'weapp';
export function isStale(type: BundleType): boolean;
export function newestSourceMtime(path: string): number;
export function h5Complete(dir: string): boolean;
/** Builds when stale (under a machine-wide lock); true when it had to look inside the lock. */
export function buildIfStale(type: BundleType, options?: { snapshotTo?: string; log?: (line: string) => void }): boolean;
