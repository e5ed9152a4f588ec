/**
 * 快递100's subscription push (订阅推送): a form with `param` (JSON) and `sign` =
 * uppercase MD5(param + salt), where the salt is the one given when subscribing. The
 * parcel's state codes say whether the carrier has it (picked up, in transit) or has
 * delivered it.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** The sign 快递100 sends with a push. */
export function kuaidi100Sign(param: string, salt: string): string {
  return createHash('md5')
    .update(param + salt, 'utf8')
    .digest('hex')
    .toUpperCase();
}

/** Whether a push's sign matches its param and our salt. */
export function verifyKuaidi100Sign(param: string, sign: string, salt: string): boolean {
  const expected = Buffer.from(kuaidi100Sign(param, salt));
  const given = Buffer.from(sign.trim().toUpperCase());
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export const Kuaidi100Param = z.object({
  status: z.string().optional(),
  billstatus: z.string().optional(),
  message: z.string().optional(),
  lastResult: z.object({
    state: z.coerce.string(),
    com: z.string().max(40),
    nu: z.string().min(1).max(40),
    ischeck: z.coerce.string().optional(),
    data: z
      .array(
        z.object({ context: z.string().max(500), time: z.string().max(40).optional(), ftime: z.string().max(40).optional(), status: z.string().optional() }),
      )
      .max(500)
      .default([]),
  }),
});
export type Kuaidi100Param = z.infer<typeof Kuaidi100Param>;

/** What a state code means for a return parcel. */
export type ParcelPhase = 'with_carrier' | 'delivered' | 'problem' | 'other';

/**
 * 0 在途, 1 揽收, 5 派件, 7 转投, 8 清关 (and the detailed 1xx/10xx/5xx in-transit codes):
 * the carrier has the parcel; 3 签收 (301–304): delivered; 2 疑难, 4 退签, 6 退回, 14 拒签: a problem.
 */
export function phaseOf(state: string): ParcelPhase {
  if (/^3\d*$/.test(state)) return 'delivered';
  if (['2', '4', '6', '14', '201', '401'].includes(state)) return 'problem';
  if (['0', '1', '5', '7', '8', '103', '501'].includes(state) || /^100\d$/.test(state)) return 'with_carrier';
  return 'other';
}

const carrierNames: Record<string, string> = {
  shunfeng: '顺丰速运',
  jd: '京东物流',
  zhongtong: '中通快递',
  yuantong: '圆通速递',
  yunda: '韵达快递',
  shentong: '申通快递',
  jtexpress: '极兔速递',
  ems: 'EMS',
  youzhengguonei: '中国邮政',
  debangkuaidi: '德邦快递',
  debangwuliu: '德邦快递',
};

/** A carrier's name from 快递100's company code (the code itself when unknown). */
export function carrierName(code: string): string {
  return carrierNames[code.toLowerCase()] ?? code;
}

/** 快递100 times are Beijing time without a zone: "2026-01-15 10:30:00". */
export function beijingTimeToIso(value: string | undefined): string | null {
  if (!value || !/^\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?$/.test(value)) return null;
  const date = new Date(`${value.replace(' ', 'T')}+08:00`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
