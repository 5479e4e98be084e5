// The glibc malloc setting a BFF process must be started with (it is read before any code runs, so only the starter can set it).
/**
 * Photo processing (sharp/libvips) allocates and frees buffers of 1–15 MB on worker threads. glibc serves such a
 * buffer with mmap and gives it back on free, but after the first free it raises its mmap threshold to that size, so
 * later buffers come from per-thread heaps that are never returned: under 20 concurrent 10 MB uploads the BFF grew by
 * ~170 MB and stayed there. A fixed threshold (glibc's initial 128 KB) turns the raise off: +80 MB at the peak, back to
 * idle after (docs/photos.md, memory). Linux with glibc only; elsewhere (musl, macOS) the variable is ignored.
 */
export const BFF_MALLOC_ENV = { MALLOC_MMAP_THRESHOLD_: '131072' } as const;
