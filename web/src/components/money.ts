/** Money in fen shown as yuan with two decimals. */
export function formatMoney(fen: number, currency = 'CNY'): string {
  const symbol = currency === 'CNY' ? '¥' : `${currency} `;
  const sign = fen < 0 ? '-' : '';
  return `${sign}${symbol}${(Math.abs(fen) / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
