/** The row-by-row error report in the user's language: each problem is a code and its values. */
import type { NoticeLocale } from '../notifications/notice-catalog.ts';

export type ImportProblemCode =
  | 'missing_column'
  | 'empty_file'
  | 'too_many_rows'
  | 'required'
  | 'invalid_number'
  | 'invalid_money'
  | 'invalid_quantity'
  | 'invalid_date'
  | 'invalid_boolean'
  | 'invalid_email'
  | 'invalid_phone'
  | 'invalid_currency'
  | 'too_long'
  | 'duplicate_in_file'
  | 'unknown_sku'
  | 'unknown_location'
  | 'unknown_order'
  | 'sku_not_on_order'
  | 'needs_contact'
  | 'conflicting_order_field'
  | 'discount_too_large'
  | 'payment_mismatch'
  | 'unsupported_kind'
  | 'exceeds_returnable'
  | 'rejected_by_policy'
  | 'commit_failed';

/** A problem on a row (null: the whole file), in a column named as the file names it, or by key. */
export type ImportProblem = { row: number | null; column: string | null; key?: string; code: ImportProblemCode; params?: Record<string, string | number> };

const messages: Record<ImportProblemCode, Record<NoticeLocale, string>> = {
  missing_column: { 'zh-CN': '缺少必填列“{column}”', en: 'The required column "{column}" is missing' },
  empty_file: { 'zh-CN': '文件中没有数据行', en: 'The file has no data rows' },
  too_many_rows: { 'zh-CN': '一次最多导入 {max} 行', en: 'At most {max} rows can be imported at once' },
  required: { 'zh-CN': '“{column}”不能为空', en: '"{column}" must not be empty' },
  invalid_number: { 'zh-CN': '“{column}”应为数字，实际为“{value}”', en: '"{column}" must be a number, got "{value}"' },
  invalid_money: {
    'zh-CN': '“{column}”应为金额（元，最多两位小数），实际为“{value}”',
    en: '"{column}" must be an amount in yuan with at most 2 decimals, got "{value}"',
  },
  invalid_quantity: { 'zh-CN': '“{column}”应为正整数，实际为“{value}”', en: '"{column}" must be a positive whole number, got "{value}"' },
  invalid_date: { 'zh-CN': '“{column}”不是有效的日期时间：“{value}”', en: '"{column}" is not a valid date or time: "{value}"' },
  invalid_boolean: { 'zh-CN': '“{column}”应为 是/否，实际为“{value}”', en: '"{column}" must be yes or no, got "{value}"' },
  invalid_email: { 'zh-CN': '邮箱格式不正确：“{value}”', en: 'Not an email address: "{value}"' },
  invalid_phone: { 'zh-CN': '手机号格式不正确：“{value}”', en: 'Not a phone number: "{value}"' },
  invalid_currency: { 'zh-CN': '币种应为三位大写字母（如 CNY），实际为“{value}”', en: 'The currency must be 3 capital letters (like CNY), got "{value}"' },
  too_long: { 'zh-CN': '“{column}”太长（最多 {max} 个字符）', en: '"{column}" is too long (at most {max} characters)' },
  duplicate_in_file: { 'zh-CN': '“{value}”在文件中重复（第 {first} 行已出现）', en: '"{value}" appears twice in the file (first on row {first})' },
  unknown_sku: { 'zh-CN': '商品编码“{value}”不存在', en: 'No product with SKU "{value}"' },
  unknown_location: { 'zh-CN': '库位“{value}”不存在', en: 'No location "{value}"' },
  unknown_order: { 'zh-CN': '订单“{value}”不存在，请先导入订单', en: 'No order "{value}"; import the order first' },
  sku_not_on_order: { 'zh-CN': '订单“{order}”中没有商品“{value}”', en: 'Order "{order}" has no line with SKU "{value}"' },
  needs_contact: { 'zh-CN': '客户需要手机号或邮箱（用于识别客户）', en: 'A customer needs a phone number or an email (to recognise them)' },
  conflicting_order_field: {
    'zh-CN': '同一订单“{order}”的“{column}”前后不一致（第 {first} 行为“{expected}”）',
    en: 'Order "{order}" has a different "{column}" here than on row {first} ("{expected}")',
  },
  discount_too_large: { 'zh-CN': '优惠金额超过了商品金额', en: 'The discount is more than the goods cost' },
  payment_mismatch: { 'zh-CN': '实付金额 {paid} 与订单应付 {due} 不一致', en: 'The amount paid, {paid}, does not match what the order costs, {due}' },
  unsupported_kind: {
    'zh-CN': '不支持的售后类型“{value}”（支持：仅退款、退货退款、换货）',
    en: 'Unsupported after-sales kind "{value}" (supported: refund only, return and refund, exchange)',
  },
  exceeds_returnable: { 'zh-CN': '退货数量 {value} 超过可退数量 {max}', en: 'Return quantity {value} is more than the {max} still returnable' },
  rejected_by_policy: { 'zh-CN': '退货政策不允许：{value}', en: 'The return policy refuses it: {value}' },
  commit_failed: { 'zh-CN': '导入失败，未做任何更改：{value}', en: 'The import failed and changed nothing: {value}' },
};

/** The message of a problem in a language. */
export function problemMessage(problem: ImportProblem, locale: NoticeLocale): string {
  const template = messages[problem.code][locale];
  const params = { column: problem.column ?? '', ...problem.params } as Record<string, string | number>;
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => String(params[name] ?? ''));
}

/** Thrown when a batch cannot be committed: the file's problems, or what went wrong writing it (nothing was changed). */
export class ImportProblemsError extends Error {
  readonly problems: ImportProblem[];
  /** `invalid`: the file needs fixing; `failed`: writing it failed and was rolled back. */
  readonly reason: 'invalid' | 'failed';

  constructor(problems: ImportProblem[], reason: 'invalid' | 'failed') {
    super(reason === 'invalid' ? 'The file has problems; fix them and upload it again' : 'The import failed and changed nothing');
    this.name = 'ImportProblemsError';
    this.problems = problems;
    this.reason = reason;
  }
}
