import { existsSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The npm package the PDF's Chinese font comes from: Noto Sans S Chinese (思源黑体 / Source Han Sans,
 * Adobe + Google, SIL Open Font License 1.1) as OpenType CFF files, one per weight, ~8 MB each, with
 * every CJK Unified Ideograph of the basic block (U+4E00–U+9FFF). Nothing is assumed installed on the
 * machine: the font travels with `npm install`.
 */
export const CJK_FONT_PACKAGE = '@embedpdf/fonts-sc';

/** The family name the PDF uses for the embedded font. */
export const CJK_FONT_FAMILY = 'NotoSansSC';

export interface CjkFontFiles {
  normal: string;
  bold: string;
}

let cached: CjkFontFiles | undefined;

/**
 * Absolute paths of the regular and bold font files. The package exports only its small index, so
 * the font folder is found beside the resolved entry point.
 */
export function cjkFontFiles(): CjkFontFiles {
  if (cached) return cached;
  const fontDir = path.join(path.dirname(require.resolve(CJK_FONT_PACKAGE)), '..', 'fonts');
  const files = {
    normal: path.join(fontDir, 'NotoSansHans-Regular.otf'),
    bold: path.join(fontDir, 'NotoSansHans-Bold.otf'),
  };
  for (const file of Object.values(files)) {
    if (!existsSync(file))
      throw new Error(`${CJK_FONT_PACKAGE}: font file ${file} is missing; run npm install`);
  }
  cached = files;
  return files;
}
