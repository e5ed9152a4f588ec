/**
 * Columns of an import: the headers each may have (Chinese first, English, and the
 * names marketplaces use), and readers that turn a cell into a value or a problem.
 */
import type { ImportProblem, ImportProblemCode } from './import-messages.ts';
import type { Table } from './read-table.ts';

export type Column = {
  key: string;
  zh: string;
  en: string;
  /** Other headers that mean the same (marketplace exports, older templates). */
  aliases?: readonly string[];
  required?: boolean;
  example?: string;
};

/** A header as compared: no spaces or asterisks, half-width brackets, lower case. */
export function normalizeHeader(header: string): string {
  return header
    .replace(/[\s*＊]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toLowerCase();
}

const withoutUnit = (header: string) => header.replace(/\([^)]*\)$/, '');

/** Which column of the table each known column is in; required columns that are missing. */
export function mapColumns(headers: readonly string[], columns: readonly Column[]): { index: Map<string, number>; missing: Column[] } {
  const normalized = headers.map(normalizeHeader);
  const index = new Map<string, number>();
  for (const column of columns) {
    const names = [column.zh, column.en, ...(column.aliases ?? [])].map(normalizeHeader);
    let at = normalized.findIndex((h) => names.includes(h));
    if (at < 0) at = normalized.findIndex((h) => names.map(withoutUnit).includes(withoutUnit(h)));
    if (at >= 0) index.set(column.key, at);
  }
  return { index, missing: columns.filter((c) => c.required && !index.has(c.key)) };
}

/** Reads the cells of one row by column key, collecting problems. */
export class RowReader {
  readonly line: number;
  readonly problems: ImportProblem[] = [];
  readonly #cells: readonly string[];
  readonly #index: Map<string, number>;
  readonly #headers: readonly string[];
  readonly #columns: Map<string, Column>;

  constructor(o: { line: number; cells: readonly string[]; index: Map<string, number>; headers: readonly string[]; columns: readonly Column[] }) {
    this.line = o.line;
    this.#cells = o.cells;
    this.#index = o.index;
    this.#headers = o.headers;
    this.#columns = new Map(o.columns.map((c) => [c.key, c]));
  }

  /** The header the file uses for a column (for messages). */
  header(key: string): string {
    const at = this.#index.get(key);
    return at === undefined ? (this.#columns.get(key)?.zh ?? key) : (this.#headers[at] ?? key);
  }

  /** Whether the file has the column at all. */
  has(key: string): boolean {
    return this.#index.has(key);
  }

  raw(key: string): string {
    const at = this.#index.get(key);
    return at === undefined ? '' : (this.#cells[at] ?? '').trim();
  }

  problem(key: string | null, code: ImportProblemCode, params?: Record<string, string | number>): void {
    this.problems.push({ row: this.line, column: key === null ? null : this.header(key), code, ...(params ? { params } : {}) });
  }

  text(key: string, o: { required?: boolean; max?: number } = {}): string | null {
    const value = this.raw(key);
    if (!value) {
      if (o.required) this.problem(key, 'required');
      return null;
    }
    if (o.max && value.length > o.max) {
      this.problem(key, 'too_long', { max: o.max });
      return null;
    }
    return value;
  }

  /** An amount in yuan (¥ and thousands separators allowed) as fen. */
  money(key: string, o: { required?: boolean } = {}): number | null {
    const value = this.raw(key).replace(/[¥￥,\s]/g, '');
    if (!value) {
      if (o.required) this.problem(key, 'required');
      return null;
    }
    if (!/^\d+(\.\d{1,2})?$/.test(value)) {
      this.problem(key, 'invalid_money', { value: this.raw(key) });
      return null;
    }
    return Math.round(Number(value) * 100);
  }

  quantity(key: string, o: { required?: boolean } = {}): number | null {
    const value = this.raw(key).replace(/[,\s]/g, '');
    if (!value) {
      if (o.required) this.problem(key, 'required');
      return null;
    }
    if (!/^\d+(\.0+)?$/.test(value) || Number(value) < 1 || Number(value) > 1_000_000) {
      this.problem(key, 'invalid_quantity', { value: this.raw(key) });
      return null;
    }
    return Number.parseInt(value, 10);
  }

  boolean(key: string, fallback: boolean): boolean {
    const value = this.raw(key).toLowerCase();
    if (!value) return fallback;
    if (['是', 'y', 'yes', 'true', '1', '可', '可退', '√'].includes(value)) return true;
    if (['否', 'n', 'no', 'false', '0', '不可', '不可退', '×'].includes(value)) return false;
    this.problem(key, 'invalid_boolean', { value: this.raw(key) });
    return fallback;
  }

  /** A date or date-time; without a zone it is the shop's (Beijing) time. */
  dateTime(key: string, o: { required?: boolean } = {}): string | null {
    const value = this.raw(key);
    if (!value) {
      if (o.required) this.problem(key, 'required');
      return null;
    }
    const parsed = parseShopDateTime(value);
    if (!parsed) this.problem(key, 'invalid_date', { value });
    return parsed;
  }

  email(key: string): string | null {
    const value = this.raw(key);
    if (!value) return null;
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) || value.length > 254) {
      this.problem(key, 'invalid_email', { value });
      return null;
    }
    return value.toLowerCase();
  }

  phone(key: string): string | null {
    const value = this.raw(key);
    if (!value) return null;
    const digits = value.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
    if (!/^\+?\d{5,20}$/.test(digits)) {
      this.problem(key, 'invalid_phone', { value });
      return null;
    }
    return digits.replace(/^\+/, '');
  }
}

/** "2026-01-15", "2026/1/15 10:30", "2026-01-15T10:30:00+08:00" → ISO UTC; zone-less times are Beijing time. */
export function parseShopDateTime(value: string): string | null {
  const text = value.trim();
  const local = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (local) {
    const [, y, mo, d, h = '0', mi = '0', s = '0'] = local;
    const iso = `${y}-${mo?.padStart(2, '0')}-${d?.padStart(2, '0')}T${h.padStart(2, '0')}:${mi.padStart(2, '0')}:${s.padStart(2, '0')}+08:00`;
    const date = new Date(iso);
    if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1990) return null;
    // Reject 2026-02-30 and the like, which Date rolls over.
    const check = new Date(date.getTime() + 8 * 3_600_000);
    if (check.getUTCDate() !== Number(d) || check.getUTCMonth() + 1 !== Number(mo)) return null;
    return date.toISOString();
  }
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/.test(text)) {
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  }
  return null;
}

/** The rows of a table as readers over the columns, or the file-level problems. */
export function readRows(table: Table, columns: readonly Column[]): { rows: RowReader[]; problems: ImportProblem[] } {
  const { index, missing } = mapColumns(table.headers, columns);
  const problems: ImportProblem[] = missing.map((c) => ({ row: null, column: c.zh, code: 'missing_column' as const }));
  if (table.rows.length === 0) problems.push({ row: null, column: null, code: 'empty_file' });
  if (problems.length > 0) return { rows: [], problems };
  return { rows: table.rows.map((r) => new RowReader({ line: r.line, cells: r.cells, index, headers: table.headers, columns })), problems };
}
