/**
 * A small anti-aliased rasteriser, enough to draw a return slip as a PNG without a
 * canvas library: filled rectangles, filled outlines (glyphs of the embedded CJK font)
 * by signed-area accumulation — the method of font-rs — and the QR code's modules.
 */
import type { Font, PathCommand } from 'fontkit';
import { encodePng } from './png.ts';

export type Rgb = readonly [number, number, number];
type Point = { x: number; y: number };

export class Raster {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;

  constructor(width: number, height: number, background: Rgb) {
    this.width = width;
    this.height = height;
    this.pixels = new Uint8Array(width * height * 3);
    for (let i = 0; i < width * height; i++) this.pixels.set(background, i * 3);
  }

  private blend(x: number, y: number, color: Rgb, alpha: number): void {
    if (alpha <= 0 || x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = (y * this.width + x) * 3;
    const a = Math.min(1, alpha);
    for (let c = 0; c < 3; c++) this.pixels[i + c] = Math.round((this.pixels[i + c] ?? 0) * (1 - a) + (color[c] ?? 0) * a);
  }

  /** Fills an axis-aligned rectangle (fractional edges are blended). */
  fillRect(x: number, y: number, w: number, h: number, color: Rgb): void {
    const x0 = Math.max(0, Math.floor(x));
    const x1 = Math.min(this.width, Math.ceil(x + w));
    const y0 = Math.max(0, Math.floor(y));
    const y1 = Math.min(this.height, Math.ceil(y + h));
    for (let py = y0; py < y1; py++) {
      const cy = Math.min(py + 1, y + h) - Math.max(py, y);
      for (let px = x0; px < x1; px++) {
        const cx = Math.min(px + 1, x + w) - Math.max(px, x);
        this.blend(px, py, color, cx * cy);
      }
    }
  }

  /** Fills closed polygons (pixel coordinates) with the non-zero rule, anti-aliased. */
  fillPolygons(polygons: readonly Point[][], color: Rgb): void {
    let minX = Number.POSITIVE_INFINITY;
    let minY = Number.POSITIVE_INFINITY;
    let maxX = Number.NEGATIVE_INFINITY;
    let maxY = Number.NEGATIVE_INFINITY;
    for (const polygon of polygons) {
      for (const p of polygon) {
        minX = Math.min(minX, p.x);
        minY = Math.min(minY, p.y);
        maxX = Math.max(maxX, p.x);
        maxY = Math.max(maxY, p.y);
      }
    }
    if (!Number.isFinite(minX)) return;
    const left = Math.floor(minX) - 1;
    const top = Math.floor(minY) - 1;
    const w = Math.ceil(maxX) - left + 3;
    const h = Math.ceil(maxY) - top + 2;
    const acc = new Float32Array(w * h + 2);
    for (const polygon of polygons) {
      for (let i = 0; i < polygon.length; i++) {
        const a = polygon[i] as Point;
        const b = polygon[(i + 1) % polygon.length] as Point;
        accumulateLine(acc, w, h, a.x - left, a.y - top, b.x - left, b.y - top);
      }
    }
    for (let y = 0; y < h; y++) {
      let sum = 0;
      for (let x = 0; x < w; x++) {
        sum += acc[y * w + x] ?? 0;
        const coverage = Math.min(1, Math.abs(sum));
        if (coverage > 0.002) this.blend(left + x, top + y, color, coverage);
      }
    }
  }

  /** Draws a square matrix of dark modules (a QR code) at x, y with the given module size. */
  fillModules(x: number, y: number, size: number, moduleSize: number, isDark: (row: number, column: number) => boolean, color: Rgb): void {
    for (let row = 0; row < size; row++) {
      for (let column = 0; column < size; column++) {
        if (isDark(row, column)) this.fillRect(x + column * moduleSize, y + row * moduleSize, moduleSize, moduleSize, color);
      }
    }
  }

  /** The image as a PNG file. */
  toPng(): Buffer {
    return encodePng(this.width, this.height, this.pixels);
  }
}

/** Adds one edge's signed area to the accumulation buffer (font-rs's draw_line). */
function accumulateLine(acc: Float32Array, w: number, h: number, x0: number, y0: number, x1: number, y1: number): void {
  if (Math.abs(y0 - y1) < 1e-6) return;
  const dir = y0 < y1 ? 1 : -1;
  const [ax, ay, bx, by] = y0 < y1 ? [x0, y0, x1, y1] : [x1, y1, x0, y0];
  const dxdy = (bx - ax) / (by - ay);
  let x = ax;
  const yStart = Math.max(0, Math.floor(ay));
  if (ay < 0) x -= ay * dxdy;
  const yEnd = Math.min(h, Math.ceil(by));
  for (let y = yStart; y < yEnd; y++) {
    const row = y * w;
    const dy = Math.min(y + 1, by) - Math.max(y, ay);
    const xNext = x + dxdy * dy;
    const d = dy * dir;
    const [xa, xb] = x < xNext ? [x, xNext] : [xNext, x];
    const xaFloor = Math.floor(xa);
    const xai = xaFloor;
    const xbCeil = Math.ceil(xb);
    const xbi = xbCeil;
    if (xbi <= xai + 1) {
      const xmf = 0.5 * (x + xNext) - xaFloor;
      acc[row + xai] = (acc[row + xai] ?? 0) + d - d * xmf;
      acc[row + xai + 1] = (acc[row + xai + 1] ?? 0) + d * xmf;
    } else {
      const s = 1 / (xb - xa);
      const xaf = xa - xaFloor;
      const a0 = 0.5 * s * (1 - xaf) * (1 - xaf);
      const xbf = xb - xbCeil + 1;
      const am = 0.5 * s * xbf * xbf;
      acc[row + xai] = (acc[row + xai] ?? 0) + d * a0;
      if (xbi === xai + 2) {
        acc[row + xai + 1] = (acc[row + xai + 1] ?? 0) + d * (1 - a0 - am);
      } else {
        const a1 = s * (1.5 - xaf);
        acc[row + xai + 1] = (acc[row + xai + 1] ?? 0) + d * (a1 - a0);
        for (let xi = xai + 2; xi < xbi - 1; xi++) acc[row + xi] = (acc[row + xi] ?? 0) + d * s;
        const a2 = a1 + (xbi - xai - 3) * s;
        acc[row + xbi - 1] = (acc[row + xbi - 1] ?? 0) + d * (1 - a2 - am);
      }
      acc[row + xbi] = (acc[row + xbi] ?? 0) + d * am;
    }
    x = xNext;
  }
}

/** Turns outline commands (font units, y up) into polygons in pixel space. */
function outlinePolygons(commands: readonly PathCommand[], originX: number, baseline: number, scale: number): Point[][] {
  const polygons: Point[][] = [];
  let current: Point[] = [];
  let pen: Point = { x: 0, y: 0 };
  const map = (x: number, y: number): Point => ({ x: originX + x * scale, y: baseline - y * scale });
  const steps = (from: Point, to: Point) => Math.max(2, Math.min(16, Math.ceil(Math.hypot(to.x - from.x, to.y - from.y) / 3)));
  for (const { command, args } of commands) {
    const a = args;
    if (command === 'moveTo') {
      if (current.length > 2) polygons.push(current);
      pen = map(a[0] ?? 0, a[1] ?? 0);
      current = [pen];
    } else if (command === 'lineTo') {
      pen = map(a[0] ?? 0, a[1] ?? 0);
      current.push(pen);
    } else if (command === 'quadraticCurveTo') {
      const c = map(a[0] ?? 0, a[1] ?? 0);
      const end = map(a[2] ?? 0, a[3] ?? 0);
      const n = steps(pen, end);
      for (let i = 1; i <= n; i++) {
        const t = i / n;
        const u = 1 - t;
        current.push({ x: u * u * pen.x + 2 * u * t * c.x + t * t * end.x, y: u * u * pen.y + 2 * u * t * c.y + t * t * end.y });
      }
      pen = end;
    } else if (command === 'bezierCurveTo') {
      const c1 = map(a[0] ?? 0, a[1] ?? 0);
      const c2 = map(a[2] ?? 0, a[3] ?? 0);
      const end = map(a[4] ?? 0, a[5] ?? 0);
      const n = steps(pen, end);
      for (let i = 1; i <= n; i++) {
        const t = i / n;
        const u = 1 - t;
        current.push({
          x: u * u * u * pen.x + 3 * u * u * t * c1.x + 3 * u * t * t * c2.x + t * t * t * end.x,
          y: u * u * u * pen.y + 3 * u * u * t * c1.y + 3 * u * t * t * c2.y + t * t * t * end.y,
        });
      }
      pen = end;
    } else if (command === 'closePath') {
      if (current.length > 2) polygons.push(current);
      current = [];
    }
  }
  if (current.length > 2) polygons.push(current);
  return polygons;
}

/** The width of a text in pixels at a size. */
export function measureText(font: Font, text: string, size: number): number {
  return (font.layout(text).advanceWidth * size) / font.unitsPerEm;
}

/** Draws a line of text with its baseline at y; returns its width. */
export function drawText(raster: Raster, font: Font, text: string, x: number, baseline: number, size: number, color: Rgb): number {
  const run = font.layout(text);
  const scale = size / font.unitsPerEm;
  let penX = x;
  const polygons: Point[][] = [];
  run.glyphs.forEach((glyph, i) => {
    const position = run.positions[i];
    polygons.push(...outlinePolygons(glyph.path.commands, penX + (position?.xOffset ?? 0) * scale, baseline - (position?.yOffset ?? 0) * scale, scale));
    penX += (position?.xAdvance ?? glyph.advanceWidth) * scale;
  });
  // One fill for the whole line: overlapping glyph outlines are joined by the non-zero rule.
  raster.fillPolygons(polygons, color);
  return penX - x;
}

const cjk = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/;

/** Breaks a text into lines no wider than maxWidth: between any two CJK characters, at spaces elsewhere. */
export function wrapText(font: Font, text: string, size: number, maxWidth: number): string[] {
  const tokens = text.match(/[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]|[^\s\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]+|\s+/g) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const token of tokens) {
    const candidate = line + token;
    if (line !== '' && measureText(font, candidate.trimEnd(), size) > maxWidth && !/^\s+$/.test(token)) {
      lines.push(line.trimEnd());
      line = cjk.test(token) || !/^\s/.test(token) ? token : '';
    } else {
      line = candidate;
    }
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines;
}
