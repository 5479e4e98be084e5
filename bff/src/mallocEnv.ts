// How a BFF process must be started: its glibc malloc setting and its V8 flags (both are read before any code runs, so
// only the starter can set them: `npm start`, `npm run bff`, the benches).
/**
 * Photo processing (sharp/libvips) allocates and frees buffers of 1–15 MB on worker threads. glibc serves such a
 * buffer with mmap and gives it back on free, but after the first free it raises its mmap threshold to that size, so
 * later buffers come from per-thread heaps that are never returned: under 20 concurrent 10 MB uploads the BFF grew by
 * ~170 MB and stayed there. A fixed threshold (glibc's initial 128 KB) turns the raise off: +80 MB at the peak, back to
 * idle after (docs/photos.md, memory). Linux with glibc only; elsewhere (musl, macOS) the variable is ignored.
 */
export const BFF_MALLOC_ENV = { MALLOC_MMAP_THRESHOLD_: '131072' } as const;

/**
 * A young generation of up to 32 MB per semi-space (V8's default on a 64-bit machine: 16 MB). Every request allocates
 * short-lived objects (the body text, the parsed and validated form, the next draft, its JSON); with many requests in
 * flight a smaller young generation is scavenged while they are still alive, so they get copied and promoted to the
 * old generation and collected there. Measured with the bench at 200 connections (2026-12-02, AMD EPYC 2-core): GC
 * 64 → 30 µs per autosave, 17 % → 20 % of bare Koa's CPU per save; at 50 connections GC 31 → 23 µs. The cost is
 * RSS under load: +20–30 MB.
 */
export const BFF_NODE_ARGS: readonly string[] = ['--max-semi-space-size=32'];
