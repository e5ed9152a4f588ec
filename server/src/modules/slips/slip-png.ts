/**
 * The return slip as a PNG image, for phones: WeChat's browser cannot download a PDF,
 * but a customer can long-press an image to save it, or show it at the courier's
 * counter. Drawn with the embedded CJK font, so it looks the same on every server.
 */
import QRCode from 'qrcode';
import { glyphFont } from './fonts.ts';
import { drawText, Raster, type Rgb, wrapText } from './raster.ts';
import type { SlipContent } from './slip-content.ts';

const width = 750;
const pad = 40;
const white: Rgb = [255, 255, 255];
const page: Rgb = [245, 246, 247];
const ink: Rgb = [31, 35, 41];
const muted: Rgb = [100, 106, 115];
const accent: Rgb = [194, 65, 12];
const tint: Rgb = [255, 244, 237];
const rule: Rgb = [222, 224, 227];

type Op = (raster: Raster) => void;

/** Renders the slip as PNG bytes (750 px wide, twice a 375 pt phone screen). */
export function renderSlipPng(slip: SlipContent): Buffer {
  const regular = glyphFont('regular');
  const bold = glyphFont('bold');
  const ops: Op[] = [];
  const inner = width - pad * 2;
  let y = pad;

  const text = (value: string, o: { size: number; color: Rgb; bold?: boolean; x?: number; maxWidth?: number; lineHeight?: number }) => {
    const font = o.bold ? bold : regular;
    const x = o.x ?? pad;
    const lines = wrapText(font, value, o.size, o.maxWidth ?? width - x - pad);
    const lineHeight = o.lineHeight ?? Math.round(o.size * 1.45);
    for (const line of lines) {
      const baseline = y + Math.round(o.size * 1.05);
      ops.push((r) => drawText(r, font, line, x, baseline, o.size, o.color));
      y += lineHeight;
    }
  };

  const qrSize = 200;
  const qr = QRCode.create(slip.number, { errorCorrectionLevel: 'M' });
  const moduleSize = Math.floor(qrSize / (qr.modules.size + 2));
  const qrDrawn = moduleSize * (qr.modules.size + 2);
  const qrX = width - pad - qrDrawn;
  const qrY = y + 4;
  ops.push((r) => r.fillModules(qrX + moduleSize, qrY + moduleSize, qr.modules.size, moduleSize, (row, column) => Boolean(qr.modules.get(row, column)), ink));

  const headerWidth = qrX - pad - 16;
  text(slip.title, { size: 52, color: ink, bold: true, maxWidth: headerWidth, lineHeight: 66 });
  text(slip.subtitle, { size: 20, color: muted, maxWidth: headerWidth, lineHeight: 40 });
  text('退货单号 Return No.', { size: 20, color: muted, maxWidth: headerWidth, lineHeight: 30 });
  text(slip.number, { size: 34, color: accent, bold: true, maxWidth: headerWidth + 40, lineHeight: 46 });
  y = Math.max(y, qrY + qrDrawn) + 20;

  const ruleAt = y;
  ops.push((r) => r.fillRect(pad, ruleAt, inner, 2, rule));
  y += 22;
  for (const fact of slip.facts) {
    const top = y;
    text(fact.label, { size: 22, color: muted, maxWidth: 220 });
    const afterLabel = y;
    y = top;
    text(fact.value, { size: 24, color: ink, x: pad + 230 });
    y = Math.max(y, afterLabel) + 6;
  }

  if (slip.address) {
    y += 10;
    const boxTop = y;
    y += 22;
    const x = pad + 24;
    text(slip.address.title, { size: 26, color: ink, bold: true, x });
    y += 4;
    for (const line of slip.address.lines) text(line, { size: 26, color: ink, x, lineHeight: 38 });
    if (slip.postage) {
      y += 6;
      text(slip.postage, { size: 21, color: accent, x });
    }
    y += 18;
    const boxBottom = y;
    ops.unshift((r) => {
      r.fillRect(pad, boxTop, inner, boxBottom - boxTop, tint);
      r.fillRect(pad, boxTop, 6, boxBottom - boxTop, accent);
    });
    y += 26;
  }

  text(slip.itemsTitle, { size: 26, color: ink, bold: true });
  y += 4;
  for (const item of slip.items) {
    text(item.name, { size: 24, color: ink });
    text(item.detail, { size: 21, color: muted });
    y += 8;
  }
  const secondRule = y;
  ops.push((r) => r.fillRect(pad, secondRule, inner, 2, rule));
  y += 22;
  text(slip.instructionsTitle, { size: 26, color: ink, bold: true });
  y += 4;
  for (const [i, line] of slip.instructions.entries()) text(`${i + 1}. ${line}`, { size: 22, color: ink });
  y += 16;
  text(slip.footer, { size: 20, color: muted });
  y += pad;

  const height = y;
  const raster = new Raster(width, height, page);
  // The white card, drawn before everything on it.
  raster.fillRect(12, 12, width - 24, height - 24, white);
  for (const op of ops) op(raster);
  return raster.toPng();
}
