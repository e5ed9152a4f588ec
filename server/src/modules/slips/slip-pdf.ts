/** The return slip as a PDF (A5), set in the embedded Noto Sans Hans, with a QR code of the return number. */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { fontBytes, plainLetters } from './fonts.ts';
import type { SlipContent } from './slip-content.ts';

const ink = '#1f2329';
const muted = '#646a73';
const accent = '#c2410c';
const rule = '#dee0e3';

/** Renders the slip as PDF bytes. */
export async function renderSlipPdf(slip: SlipContent): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A5', margin: 32, info: { Title: `退货单 ${slip.number}`, Subject: slip.number, Creator: 'ReturnFlow 退货通' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.registerFont('regular', fontBytes('regular'));
  doc.registerFont('bold', fontBytes('bold'));
  const left = 32;
  const width = doc.page.width - 64;

  // Header: title on the left, QR code of the return number on the right.
  const qrSize = 92;
  const qrX = left + width - qrSize;
  const qr = QRCode.create(slip.number, { errorCorrectionLevel: 'M' });
  const cell = qrSize / (qr.modules.size + 2);
  for (let row = 0; row < qr.modules.size; row++) {
    for (let column = 0; column < qr.modules.size; column++) {
      if (qr.modules.get(row, column)) doc.rect(qrX + (column + 1) * cell, 32 + (row + 1) * cell, cell, cell);
    }
  }
  doc.fillColor(ink).fill();
  doc.font('bold').fontSize(24).fillColor(ink).text(slip.title, left, 34, { features: plainLetters });
  doc.font('regular').fontSize(9).fillColor(muted).text(slip.subtitle, left, 66, { characterSpacing: 2, features: plainLetters });
  doc.font('regular').fontSize(9).fillColor(muted).text('退货单号 Return No.', left, 88, { features: plainLetters });
  doc.font('bold').fontSize(18).fillColor(accent).text(slip.number, left, 100, { features: plainLetters });

  let y = 136;
  const line = (at: number) => {
    doc
      .moveTo(left, at)
      .lineTo(left + width, at)
      .lineWidth(0.6)
      .strokeColor(rule)
      .stroke();
  };
  line(y);
  y += 10;
  for (const fact of slip.facts) {
    doc.font('regular').fontSize(9).fillColor(muted).text(fact.label, left, y, { width: 110, features: plainLetters });
    doc
      .font('regular')
      .fontSize(10)
      .fillColor(ink)
      .text(fact.value, left + 110, y - 1, { width: width - 110, features: plainLetters });
    y = Math.max(doc.y, y + 14) + 4;
  }

  if (slip.address) {
    y += 4;
    const boxTop = y;
    const innerWidth = width - 24;
    doc
      .font('bold')
      .fontSize(11)
      .fillColor(ink)
      .text(slip.address.title, left + 12, y + 10, { width: innerWidth, features: plainLetters });
    y = doc.y + 4;
    for (const text of slip.address.lines) {
      doc
        .font('regular')
        .fontSize(11)
        .fillColor(ink)
        .text(text, left + 12, y, { width: innerWidth, features: plainLetters });
      y = doc.y + 2;
    }
    if (slip.postage) {
      doc
        .font('regular')
        .fontSize(9)
        .fillColor(accent)
        .text(slip.postage, left + 12, y + 4, { width: innerWidth, features: plainLetters });
      y = doc.y;
    }
    y += 10;
    doc
      .roundedRect(left, boxTop, width, y - boxTop, 6)
      .lineWidth(1)
      .strokeColor(accent)
      .stroke();
    y += 12;
  }

  doc.font('bold').fontSize(11).fillColor(ink).text(slip.itemsTitle, left, y, { features: plainLetters });
  y = doc.y + 4;
  for (const item of slip.items) {
    doc.font('regular').fontSize(10).fillColor(ink).text(item.name, left, y, { width, features: plainLetters });
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(muted)
      .text(item.detail, left, doc.y + 1, { width, features: plainLetters });
    y = doc.y + 6;
  }
  line(y);
  y += 10;
  doc.font('bold').fontSize(11).fillColor(ink).text(slip.instructionsTitle, left, y, { features: plainLetters });
  y = doc.y + 4;
  slip.instructions.forEach((text, i) => {
    doc
      .font('regular')
      .fontSize(9.5)
      .fillColor(ink)
      .text(`${i + 1}. ${text}`, left, y, { width, features: plainLetters });
    y = doc.y + 3;
  });
  doc
    .font('regular')
    .fontSize(8.5)
    .fillColor(muted)
    .text(slip.footer, left, doc.page.height - 48, { width, align: 'center', features: plainLetters });
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}
