/** The small part of fontkit (pdfkit's font engine) that the slip image uses. */
declare module 'fontkit' {
  export type PathCommand = { command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath'; args: number[] };
  export type Glyph = { id: number; path: { commands: PathCommand[] }; advanceWidth: number };
  export type GlyphPosition = { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number };
  export type GlyphRun = { glyphs: Glyph[]; positions: GlyphPosition[]; advanceWidth: number };
  export type Font = { unitsPerEm: number; ascent: number; descent: number; postscriptName: string; layout(text: string): GlyphRun };
  export function create(buffer: Buffer): Font;
}
