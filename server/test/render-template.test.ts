/**
 * Notice texts are cleaned of control characters (they break SMS gateways and mail
 * headers): none in one-line texts (each becomes a space), none but newlines and tabs in
 * multiline ones. The renderer skips the Unicode-aware replace when a text has nothing to
 * clean; it must answer exactly what the replace alone answers, for any text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpolate, renderTemplate } from '../src/modules/notifications/render-template.ts';

// The rule as written before the fast path: every Cc character out, newlines and tabs kept in multiline texts.
const reference = (text: string, values: Record<string, string>, multiline: boolean) => {
  const clean = (v: string) => (multiline ? v.replace(/(?![\n\t])\p{Cc}/gu, '') : v.replace(/\p{Cc}/gu, ' '));
  return clean(text.replace(/\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g, (_m, name: string) => clean(values[name] ?? ''))).trim();
};

// Texts mixing letters, CJK, placeholders and characters at the edges of the control ranges.
const piece = fc.constantFrom(
  'a',
  '退',
  ' ',
  '\n',
  '\t',
  '\r',
  '\u0000',
  '\u001f',
  '\u0020',
  '\u007e',
  '\u007f',
  '\u0085',
  '\u009f',
  '\u00a0',
  '{{name}}',
  '{{ other }}',
  '😀',
);
const text = fc.array(piece, { maxLength: 30 }).map((p) => p.join(''));

describe('notice text cleaning', () => {
  it('answers what the Unicode-aware replace answers, for one-line and multiline texts', () => {
    fc.assert(
      fc.property(text, text, text, fc.boolean(), (template, name, other, multiline) => {
        expect(interpolate(template, { name, other } as never, multiline)).toBe(reference(template, { name, other }, multiline));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps line breaks in bodies and turns them into spaces in subjects', () => {
    const rendered = renderTemplate({ subject: '退货{{returnNumber}}', short: 'a\u0007b', body: '第一行\n\t第二行\u0000' }, {
      returnNumber: 'RT-1\nX',
    } as never);
    expect(rendered).toEqual({ subject: '退货RT-1 X', short: 'a b', body: '第一行\n\t第二行' });
  });
});
