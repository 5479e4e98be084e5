// `WEAPP_STATS=1 npm run build:weapp`: writes webpack's stats (modules, their sizes and chunks) next to the weapp build,
// where `npm run size` reads them to name the largest modules of the main package.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Compiler } from 'webpack';

/** Kept in step with STATS_FILE in scripts/size-weapp.ts (a dot-file: not counted as shipped). */
const STATS_FILE = '.webpack-stats.json';

export class WeappStatsPlugin {
  apply(compiler: Compiler): void {
    compiler.hooks.done.tap('WeappStatsPlugin', (stats) => {
      const outputDir = compiler.options.output.path ?? '.';
      // Every module listed (not grouped or cut at webpack's default 15), each with the chunks it is in.
      const json = stats.toJson({ all: false, modules: true, modulesSpace: Infinity, ids: true, chunks: true });
      writeFileSync(join(outputDir, STATS_FILE), JSON.stringify({ chunks: json.chunks, modules: json.modules }));
    });
  }
}
