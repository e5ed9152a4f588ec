/**
 * Reads the text of a PDF made by pdfkit, without a PDF library: objects by number,
 * each page's fonts and their ToUnicode maps, and the hex strings shown in the content
 * streams. Enough to assert what a slip says; not a general PDF parser.
 */
import { inflateSync } from 'node:zlib';

type PdfObject = { dictionary: string; stream: Buffer | null };

function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const pattern = /(\d+) 0 obj\s*([\s\S]*?)endobj/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const body = match[2] ?? '';
    const streamAt = body.indexOf('stream');
    let dictionary = body;
    let stream: Buffer | null = null;
    if (streamAt >= 0 && body.includes('endstream')) {
      dictionary = body.slice(0, streamAt);
      let start = match.index + match[0].indexOf(body) + streamAt + 'stream'.length;
      if (text[start] === '\r') start++;
      if (text[start] === '\n') start++;
      const end = text.indexOf('endstream', start);
      const raw = pdf.subarray(start, end);
      stream = /\/FlateDecode/.test(dictionary) ? inflateSync(raw) : raw;
    }
    objects.set(Number(match[1]), { dictionary, stream });
  }
  return objects;
}

function parseCmap(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const hexToText = (hex: string) => String.fromCodePoint(...(hex.match(/.{4}/g) ?? []).map((h) => Number.parseInt(h, 16)));
  for (const block of cmap.match(/beginbfchar([\s\S]*?)endbfchar/g) ?? []) {
    for (const pair of block.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set((pair[1] ?? '').toLowerCase(), hexToText(pair[2] ?? ''));
  }
  for (const block of cmap.match(/beginbfrange([\s\S]*?)endbfrange/g) ?? []) {
    for (const range of block.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const low = Number.parseInt(range[1] ?? '0', 16);
      const high = Number.parseInt(range[2] ?? '0', 16);
      const width = (range[1] ?? '').length;
      const target = range[3] ?? '';
      const targets = target.startsWith('[') ? [...target.matchAll(/<([0-9a-fA-F]+)>/g)].map((m) => m[1] ?? '') : null;
      for (let code = low; code <= high; code++) {
        const key = code.toString(16).padStart(width, '0');
        if (targets) map.set(key, hexToText(targets[code - low] ?? ''));
        else map.set(key, String.fromCodePoint(Number.parseInt(target.slice(1, -1), 16) + code - low));
      }
    }
  }
  return map;
}

const ref = (dictionary: string, key: string) => {
  const match = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dictionary);
  return match ? Number(match[1]) : undefined;
};

/** The text shown on each page of a pdfkit PDF, in drawing order. */
export function pdfText(pdf: Buffer): string {
  const objects = readObjects(pdf);
  const pages: string[] = [];
  for (const object of objects.values()) {
    if (!/\/Type\s*\/Page\b/.test(object.dictionary)) continue;
    const resourcesRef = ref(object.dictionary, 'Resources');
    const resources = resourcesRef === undefined ? object.dictionary : (objects.get(resourcesRef)?.dictionary ?? '');
    const fontBlock = /\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1] ?? '';
    const cmaps = new Map<string, Map<string, string>>();
    for (const entry of fontBlock.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
      const font = objects.get(Number(entry[2]));
      const toUnicode = font ? ref(font.dictionary, 'ToUnicode') : undefined;
      const stream = toUnicode === undefined ? undefined : objects.get(toUnicode)?.stream;
      if (stream) cmaps.set(entry[1] ?? '', parseCmap(stream.toString('latin1')));
    }
    const contentsRef = ref(object.dictionary, 'Contents');
    const content = contentsRef === undefined ? '' : (objects.get(contentsRef)?.stream?.toString('latin1') ?? '');
    let cmap = new Map<string, string>();
    let out = '';
    for (const token of content.matchAll(/\/(\w+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]*)>|(ET)/g)) {
      if (token[1]) cmap = cmaps.get(token[1]) ?? new Map();
      else if (token[3]) out += '\n';
      else for (const code of (token[2] ?? '').match(/.{4}/g) ?? []) out += cmap.get(code.toLowerCase()) ?? '';
    }
    pages.push(out);
  }
  return pages.join('\f');
}
