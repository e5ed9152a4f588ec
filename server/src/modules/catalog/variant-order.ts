/**
 * The order a customer expects sizes and colours in: by colour, then by size — clothing
 * sizes XS < S < M < L < XL, numbers (shoe sizes, waists) by value — rather than by SKU,
 * which would put L before M.
 */
const clothingSizes = ['XXXS', 'XXS', 'XS', 'S', 'M', 'L', 'XL', 'XXL', '2XL', 'XXXL', '3XL', '4XL', '5XL'];

type Token = { kind: 0; rank: number } | { kind: 1; text: string };

function tokens(label: string): Token[] {
  return label
    .trim()
    .split(/\s+/)
    .map((part): Token => {
      const size = clothingSizes.indexOf(part.toUpperCase());
      if (size >= 0) return { kind: 0, rank: size };
      const number = /^(\d+(?:\.\d+)?)/.exec(part);
      if (number) return { kind: 0, rank: 100 + Number(number[1]) };
      return { kind: 1, text: part };
    });
}

/** Compares two variant labels (null last) for a natural size and colour order. */
export function compareVariantLabels(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const x = tokens(a);
  const y = tokens(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i] as Token;
    const q = y[i] as Token;
    if (p.kind !== q.kind) return p.kind - q.kind;
    const order = p.kind === 0 && q.kind === 0 ? p.rank - q.rank : p.kind === 1 && q.kind === 1 ? p.text.localeCompare(q.text, 'zh-CN') : 0;
    if (order !== 0) return order;
  }
  return x.length - y.length || a.localeCompare(b);
}
