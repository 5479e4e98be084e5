// H5 production build: writes a brotli (.br) and a gzip (.gz) copy next to every text asset, so the BFF sends the
// compressed bytes without compressing per request (bff/src/middleware/staticFiles.ts picks one by Accept-Encoding).
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Compiler } from 'webpack';

const COMPRESSIBLE = /\.(js|css|html|json|svg|txt)$/;
/** Below this a compressed copy saves less than a round trip's worth of bytes. */
const MIN_BYTES = 1024;

export class PrecompressPlugin {
  apply(compiler: Compiler): void {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('PrecompressPlugin', (compilation) => {
      // After every other asset step (minified, hashed, index.html written), so the copies match what is served.
      compilation.hooks.processAssets.tap({ name: 'PrecompressPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_REPORT }, (assets) => {
        for (const name of Object.keys(assets)) {
          if (!COMPRESSIBLE.test(name)) continue;
          const raw = compilation.getAsset(name)?.source.buffer();
          if (!raw || raw.length < MIN_BYTES) continue;
          const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
          compilation.emitAsset(`${name}.br`, new sources.RawSource(br));
          compilation.emitAsset(`${name}.gz`, new sources.RawSource(gzipSync(raw, { level: 9 })));
        }
      });
    });
  }
}
