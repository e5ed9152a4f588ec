/**
 * The carriers Chinese customers send parcels back with, and the shape of each one's
 * tracking numbers, so a mistyped number is caught before the warehouse waits for it.
 */
import { invalidField } from '../../lib/app-error.ts';

export type Carrier = {
  code: string;
  name: string;
  nameEn: string;
  /** A regular expression (source) the normalised tracking number must match. */
  pattern: string;
  example: string;
  hint: string;
  hintEn: string;
};

export const carriers: readonly Carrier[] = [
  {
    code: 'sf',
    name: '顺丰速运',
    nameEn: 'SF Express',
    pattern: '^SF\\d{12,13}$',
    example: 'SF1234567890123',
    hint: 'SF开头，后跟12-13位数字',
    hintEn: '"SF" followed by 12–13 digits',
  },
  {
    code: 'jd',
    name: '京东物流',
    nameEn: 'JD Logistics',
    pattern: '^JD[0-9A-Z]{2}\\d{9,13}$',
    example: 'JDVA12345678901',
    hint: 'JD开头，共13-17位字母和数字',
    hintEn: '"JD" then 11–15 letters and digits',
  },
  { code: 'zto', name: '中通快递', nameEn: 'ZTO Express', pattern: '^\\d{12,15}$', example: '731234567890123', hint: '12-15位数字', hintEn: '12–15 digits' },
  {
    code: 'yto',
    name: '圆通速递',
    nameEn: 'YTO Express',
    pattern: '^YT\\d{13}$',
    example: 'YT1234567890123',
    hint: 'YT开头，后跟13位数字',
    hintEn: '"YT" followed by 13 digits',
  },
  {
    code: 'yunda',
    name: '韵达快递',
    nameEn: 'Yunda Express',
    pattern: '^\\d{13}$|^\\d{15}$',
    example: '4312345678901',
    hint: '13位或15位数字',
    hintEn: '13 or 15 digits',
  },
  { code: 'sto', name: '申通快递', nameEn: 'STO Express', pattern: '^\\d{12,15}$', example: '773123456789012', hint: '12-15位数字', hintEn: '12–15 digits' },
  {
    code: 'jt',
    name: '极兔速递',
    nameEn: 'J&T Express',
    pattern: '^JT\\d{13}$',
    example: 'JT1234567890123',
    hint: 'JT开头，后跟13位数字',
    hintEn: '"JT" followed by 13 digits',
  },
  {
    code: 'ems',
    name: 'EMS',
    nameEn: 'EMS (China Post)',
    pattern: '^[A-Z]{2}\\d{9}[A-Z]{2}$|^\\d{13}$',
    example: 'EA123456789CN',
    hint: '13位数字，或如EA123456789CN的格式',
    hintEn: '13 digits, or like EA123456789CN',
  },
  {
    code: 'other',
    name: '其他快递',
    nameEn: 'Other carrier',
    pattern: '^[0-9A-Z]{6,30}$',
    example: '',
    hint: '6-30位字母或数字',
    hintEn: '6–30 letters or digits',
  },
];

/** A tracking number as carriers print it: capitals and digits, without spaces or dashes. */
export function normalizeTrackingNumber(value: string): string {
  return value.replace(/[\s-]/g, '').toUpperCase();
}

/** Checks a tracking number against its carrier's format; returns the carrier's name to record and the normalised number. */
export function checkTracking(o: { carrier: string; carrierName?: string | undefined; trackingNumber: string }): { carrier: string; trackingNumber: string } {
  const carrier = carriers.find((c) => c.code === o.carrier);
  if (!carrier) throw invalidField('carrier', `Unknown carrier ${o.carrier}; allowed: ${carriers.map((c) => c.code).join(', ')}`);
  const trackingNumber = normalizeTrackingNumber(o.trackingNumber);
  if (!new RegExp(carrier.pattern).test(trackingNumber)) {
    throw invalidField('trackingNumber', `This is not a ${carrier.nameEn} tracking number (${carrier.hintEn})`);
  }
  if (carrier.code === 'other') {
    const name = o.carrierName?.trim();
    if (!name) throw invalidField('carrierName', 'Name the carrier');
    return { carrier: name, trackingNumber };
  }
  return { carrier: carrier.name, trackingNumber };
}
