// H5 production build: the first page starts loading with the HTML instead of after the entry script has run. Without
// this a phone on a slow link waits for index.html, then the entry scripts, then (once they run) the first page's chunk,
// then (once it runs) the page's data: four round trips in a row. index.html gets:
// - the first page's stylesheet as a plain <link> (it is small; render-blocking, so it is in place before any script
//   runs, in the order the page's own loading would have put it);
// - an inline script near the top of <head> (where the template's marker is) that, when the route is the first page
//   (empty hash or that page's path), adds the page's chunk scripts (webpack's loader finds a <script> of the same src
//   and waits for it instead of asking again) and starts the page's GET requests, kept in window.__earlyResponses for
//   the transport to take once (miniapp/services/earlyResponses.ts). A deep link to another page pays for none of it.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Compilation, Compiler } from 'webpack';

export interface FirstPageOptions {
  /** The first page's route as in app.config pages, e.g. `pages/login/index`. */
  page: string;
  /** Paths (no origin) the page GETs as soon as it loads, e.g. `/api/session/dev`. */
  requests: readonly string[];
}

/**
 * The H5 demo's first page, the applicant picker, and the applicant list it asks for. Spelled out: Taro loads this
 * config without compiling files outside config/, so miniapp/pageUrls.ts and shared/contracts cannot be imported
 * here; miniapp/services/earlyResponses.test.ts checks both against them.
 */
export const FIRST_PAGE: FirstPageOptions = { page: 'pages/login/index', requests: ['/api/session/dev'] };

/** Where miniapp/index.html wants the inline script. */
export const FIRST_PAGE_MARKER = '<!-- first page: config/firstPage.ts -->';

/** The html-webpack-plugin instance Taro's H5 runner uses (its hooks are kept per module instance). */
function htmlWebpackPlugin(): { getHooks(compilation: Compilation): HtmlHooks } {
  const runner = createRequire(require.resolve('@tarojs/webpack5-runner'));
  return runner('html-webpack-plugin') as { getHooks(compilation: Compilation): HtmlHooks };
}

interface HtmlTag {
  tagName: string;
  voidTag: boolean;
  attributes: Record<string, string | boolean>;
  innerHTML?: string;
  meta: Record<string, unknown>;
}

type Tap<T> = { tap(name: string, fn: (data: T) => T): void };

interface HtmlHooks {
  alterAssetTagGroups: Tap<{ headTags: HtmlTag[]; bodyTags: HtmlTag[] }>;
  afterTemplateExecution: Tap<{ html: string }>;
}

/** The script and stylesheet files (public paths) of the async chunk group that `import()`s the page module. */
export function firstPageFiles(compilation: Compilation, page: string): { scripts: string[]; styles: string[] } {
  // The import Taro's entry writes names the page relative to the source root or by its absolute path.
  const names = new Set([`./${page}`, path.join(compilation.compiler.context, 'miniapp', page)]);
  const group = compilation.chunkGroups.find((g) => !g.isInitial() && g.origins.some((o) => typeof o.request === 'string' && names.has(o.request.replace(/\.[jt]sx?$/, ''))));
  if (!group) throw new Error(`FirstPagePlugin: no chunk imports ${page} (is it in app.config pages?)`);
  // Chunks the entry already carries are loaded by the HTML anyway.
  const initialFiles = new Set([...compilation.entrypoints.values()].flatMap((entry) => entry.getFiles()));
  const publicPath = String(compilation.outputOptions.publicPath ?? '/');
  const files = group.getFiles().filter((file) => !initialFiles.has(file));
  const pub = (file: string) => `${publicPath}${file}`;
  return { scripts: files.filter((f) => f.endsWith('.js')).map(pub), styles: files.filter((f) => f.endsWith('.css')).map(pub) };
}

/** The inline script (ES5: it runs before any polyfill) that starts the first page's chunk and requests. */
export function earlyStartScript(page: string, scripts: readonly string[], requests: readonly string[]): string {
  return [
    '(function (w, d) {',
    "  var route = w.location.hash.replace(/^#\\/?/, '').split('?')[0];",
    `  if (route && route !== ${JSON.stringify(page)}) return;`,
    `  ${JSON.stringify(scripts)}.forEach(function (src) {`,
    "    var s = d.createElement('script');",
    '    s.src = src;',
    // Failed before webpack looked for it: gone, so webpack asks again itself (after, webpack removes it anyway).
    '    s.onerror = function () {',
    '      if (s.parentNode) s.parentNode.removeChild(s);',
    '    };',
    '    d.head.appendChild(s);',
    '  });',
    '  if (!w.fetch) return;',
    '  var early = (w.__earlyResponses = {});',
    `  ${JSON.stringify(requests)}.forEach(function (path) {`,
    "    early[path] = w.fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' }).catch(function () {",
    '      return null;',
    '    });',
    '  });',
    '})(window, document);',
  ].join('\n');
}

export class FirstPagePlugin {
  constructor(private readonly options: FirstPageOptions) {}

  apply(compiler: Compiler): void {
    const { page, requests } = this.options;
    compiler.hooks.thisCompilation.tap('FirstPagePlugin', (compilation) => {
      const hooks = htmlWebpackPlugin().getHooks(compilation);
      hooks.alterAssetTagGroups.tap('FirstPagePlugin', (data) => {
        // The page's styles after the app's, in the order the page's own loading would have put them.
        for (const href of firstPageFiles(compilation, page).styles) {
          data.headTags.push({ tagName: 'link', voidTag: true, attributes: { href, rel: 'stylesheet' }, meta: { plugin: 'FirstPagePlugin' } });
        }
        // Stylesheets before scripts: requests leave in document order and a slow link delivers in that order, and no
        // script runs before every stylesheet has arrived; behind the scripts they would hold back even the first one.
        const isStyle = (tag: HtmlTag) => tag.tagName === 'link' && tag.attributes.rel === 'stylesheet';
        data.headTags = [...data.headTags.filter(isStyle), ...data.headTags.filter((tag) => !isStyle(tag))];
        return data;
      });
      // The script where the template marks it, near the top of <head>: in the first packet of the page, and before
      // any stylesheet (an inline script after a <link rel=stylesheet> would wait until that has arrived).
      hooks.afterTemplateExecution.tap('FirstPagePlugin', (data) => {
        if (!data.html.includes(FIRST_PAGE_MARKER)) throw new Error(`FirstPagePlugin: the template has no ${FIRST_PAGE_MARKER}`);
        const script = `<script>${earlyStartScript(page, firstPageFiles(compilation, page).scripts, requests)}</script>`;
        return { ...data, html: data.html.replace(FIRST_PAGE_MARKER, script) };
      });
    });
  }
}
