/**
 * The CJK font the slips are set in: Noto Sans Hans (SIL Open Font License) from the
 * @embedpdf/fonts-sc package, so PDFs and images never depend on fonts installed on
 * the machine. Files are read once and kept.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';

export type FontWeight = 'regular' | 'bold';

const files: Record<FontWeight, string> = { regular: 'NotoSansHans-Regular.otf', bold: 'NotoSansHans-Bold.otf' };
const buffers = new Map<FontWeight, Buffer>();
const parsed = new Map<FontWeight, fontkit.Font>();

function fontDirectory(): string {
  const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
  return join(dirname(entry), '..', 'fonts');
}

/**
 * OpenType features for every pdfkit text run: no ligatures. With them an order number
 * such as "…fif-55" is set with an "ﬁ" glyph, and the PDF's text (copied, searched, read by
 * a machine) loses letters. fontkit takes an object of features to switch off; pdfkit's
 * types only know the array form.
 */
export const plainLetters = { liga: false, clig: false } as unknown as PDFKit.Mixins.OpenTypeFeatures[];

/** The font file's bytes (for pdfkit). */
export function fontBytes(weight: FontWeight): Buffer {
  let bytes = buffers.get(weight);
  if (!bytes) {
    bytes = readFileSync(join(fontDirectory(), files[weight]));
    buffers.set(weight, bytes);
  }
  return bytes;
}

/** The parsed font (for drawing glyphs into the slip image). */
export function glyphFont(weight: FontWeight): fontkit.Font {
  let font = parsed.get(weight);
  if (!font) {
    font = fontkit.create(fontBytes(weight));
    parsed.set(weight, font);
  }
  return font;
}
