/**
 * Alibaba Cloud SMS (dysmsapi, 2017-05-25) SendSms: an approved template code and sign
 * name, the variables as TemplateParam JSON, and the RPC request signature
 * (HMAC-SHA1 over the sorted, percent-encoded parameters, key = AccessKeySecret + "&").
 */
import { createHmac, randomUUID } from 'node:crypto';
import { httpRequest, type SendResult, unreachable } from './channel.ts';

export type AliyunSmsOptions = { accessKeyId: string; accessKeySecret: string; regionId: string; endpoint: string };

/** RFC 3986 percent-encoding as Alibaba Cloud's signature wants it (space %20, * %2A, ~ kept). */
export function aliyunPercentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The Signature parameter of an RPC request. */
export function signAliyunRpc(method: 'GET' | 'POST', params: Record<string, string>, accessKeySecret: string): string {
  const canonical = Object.keys(params)
    .sort()
    .map((key) => `${aliyunPercentEncode(key)}=${aliyunPercentEncode(params[key] as string)}`)
    .join('&');
  const stringToSign = `${method}&${aliyunPercentEncode('/')}&${aliyunPercentEncode(canonical)}`;
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign).digest('base64');
}

// Errors that will not go away by trying again (a wrong number, template or signature).
const permanentCodes = [
  'isv.MOBILE_NUMBER_ILLEGAL',
  'isv.MOBILE_COUNT_OVER_LIMIT',
  'isv.TEMPLATE_MISSING_PARAMETERS',
  'isv.INVALID_PARAMETERS',
  'isv.SMS_TEMPLATE_ILLEGAL',
  'isv.SMS_SIGNATURE_ILLEGAL',
  'isv.BLACK_KEY_CONTROL_LIMIT',
  'isv.PARAM_LENGTH_LIMIT',
];

export type SmsRequest = { phone: string; signName: string; templateCode: string; params: Record<string, string>; outId: string };

/** Sends one SMS through Alibaba Cloud. */
export async function sendAliyunSms(o: AliyunSmsOptions, sms: SmsRequest, now: Date): Promise<SendResult> {
  const params: Record<string, string> = {
    AccessKeyId: o.accessKeyId,
    Action: 'SendSms',
    Format: 'JSON',
    OutId: sms.outId,
    PhoneNumbers: sms.phone,
    RegionId: o.regionId,
    SignName: sms.signName,
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: randomUUID(),
    SignatureVersion: '1.0',
    TemplateCode: sms.templateCode,
    TemplateParam: JSON.stringify(sms.params),
    Timestamp: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    Version: '2017-05-25',
  };
  const body = new URLSearchParams({ ...params, Signature: signAliyunRpc('POST', params, o.accessKeySecret) });
  try {
    const answer = await httpRequest(o.endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() });
    const json = (answer.json ?? {}) as { Code?: string; Message?: string; BizId?: string };
    if (answer.status === 200 && json.Code === 'OK') return { ok: true, providerMessageId: json.BizId ?? null, statusCode: answer.status };
    const code = json.Code ?? `HTTP ${answer.status}`;
    return { ok: false, permanent: permanentCodes.includes(code), error: `${code}: ${json.Message ?? answer.text.slice(0, 200)}`, statusCode: answer.status };
  } catch (error) {
    return unreachable(error);
  }
}
