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
