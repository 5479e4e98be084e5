// Finds the CJK font the generated PDFs embed (Noto Sans CJK SC): via fontconfig, then the Debian path; never a
// silent fallback — a PDF set in a Latin font would print the applicant's form as empty boxes.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface CjkFontFace {
  /** Font file (a .ttc collection or an .otf). */
  path: string;
  /** PostScript name selecting the face inside a collection, e.g. `NotoSansCJKsc-Regular`. */
  postscriptName: string;
}

export interface CjkFont {
  regular: CjkFontFace;
  /** The bold face, or the regular one when no bold is installed (titles are then set in regular). */
  bold: CjkFontFace;
}

/** Where `fonts-noto-cjk` (Debian/Ubuntu; the CI installs it) puts the faces, if fontconfig is not there to ask. */
const DEBIAN_FACES = {
  regular: { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKsc-Regular' },
  bold: { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', postscriptName: 'NotoSansCJKsc-Bold' },
} as const;

export const CJK_FONT_MISSING =
  'No CJK font for the verification form PDF: install Noto Sans CJK SC (Debian/Ubuntu: apt-get install fonts-noto-cjk) ' +
  'or pass fontPath (a .ttc/.otf/.ttf with Simplified Chinese glyphs).';

/** fontconfig's best match for a pattern; null when fc-match is absent or matched a font without CJK (its fallback). */
function fcMatch(pattern: string): CjkFontFace | null {
  try {
    const out = execFileSync('fc-match', ['-f', '%{file}|%{postscriptname}', pattern], { encoding: 'utf8', timeout: 5000 });
    const [path, postscriptName] = out.trim().split('|');
    if (!path || !postscriptName || !/CJK/i.test(postscriptName) || !existsSync(path)) return null;
    return { path, postscriptName };
  } catch {
    return null;
  }
}

/**
 * The font to embed. `fontPath` (a deployment's own font file) wins; otherwise fontconfig, otherwise the Debian
 * path. Throws CJK_FONT_MISSING when none is there: call it at start-up so a missing package stops the process.
 */
export function findCjkFont(options: { fontPath?: string; postscriptName?: string } = {}): CjkFont {
  if (options.fontPath) {
    if (!existsSync(options.fontPath)) throw new Error(`${CJK_FONT_MISSING} (fontPath ${options.fontPath} does not exist)`);
    const face = { path: options.fontPath, postscriptName: options.postscriptName ?? '' };
    return { regular: face, bold: face };
  }
  const regular = fcMatch('Noto Sans CJK SC:style=Regular') ?? (existsSync(DEBIAN_FACES.regular.path) ? DEBIAN_FACES.regular : null);
  if (!regular) throw new Error(CJK_FONT_MISSING);
  const bold = fcMatch('Noto Sans CJK SC:style=Bold') ?? (existsSync(DEBIAN_FACES.bold.path) ? DEBIAN_FACES.bold : null);
  return { regular, bold: bold && /bold/i.test(bold.postscriptName) ? bold : regular };
}
