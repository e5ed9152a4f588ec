/**
 * Tencent Cloud SMS (API 3.0, version 2021-01-11) SendSms, signed with TC3-HMAC-SHA256:
 * a canonical request over the JSON body, a string to sign scoped to date/sms/tc3_request,
 * and a key derived from "TC3" + SecretKey.
 */
import { createHash, createHmac } from 'node:crypto';
import type { SmsRequest } from './aliyun-sms.ts';
import { httpRequest, type SendResult, unreachable } from './channel.ts';

export type TencentSmsOptions = { secretId: string; secretKey: string; sdkAppId: string; region: string; endpoint: string };

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');
const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text).digest();

export type Tc3Input = { secretId: string; secretKey: string; service: string; host: string; payload: string; timestamp: number };

/** The Authorization header of a TC3-HMAC-SHA256 request (content-type and host signed). */
export function signTc3(o: Tc3Input): string {
  const date = new Date(o.timestamp * 1000).toISOString().slice(0, 10);
  const canonicalRequest = ['POST', '/', '', `content-type:application/json; charset=utf-8\nhost:${o.host}\n`, 'content-type;host', sha256Hex(o.payload)].join(
    '\n',
  );
  const scope = `${date}/${o.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(o.timestamp), scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(`TC3${o.secretKey}`, date), o.service), 'tc3_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  return `TC3-HMAC-SHA256 Credential=${o.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`;
}

const permanentCodes = [
  'FailedOperation.PhoneNumberInBlacklist',
  'FailedOperation.TemplateIncorrectOrUnapproved',
  'FailedOperation.SignatureIncorrectOrUnapproved',
  'InvalidParameterValue.IncorrectPhoneNumber',
  'InvalidParameterValue.TemplateParameterFormatError',
  'InvalidParameterValue.TemplateParameterLengthLimit',
  'UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber',
];

/** The number in E.164 form: Chinese mobile numbers get +86. */
function e164(phone: string): string {
  if (phone.startsWith('+')) return phone;
  return /^1\d{10}$/.test(phone) ? `+86${phone}` : `+${phone}`;
}

/** Sends one SMS through Tencent Cloud; the params go in the template's order. */
export async function sendTencentSms(o: TencentSmsOptions, sms: SmsRequest & { paramOrder: string[] }, now: Date): Promise<SendResult> {
  const payload = JSON.stringify({
    PhoneNumberSet: [e164(sms.phone)],
    SmsSdkAppId: o.sdkAppId,
    SignName: sms.signName,
    TemplateId: sms.templateCode,
    TemplateParamSet: sms.paramOrder.map((name) => sms.params[name] ?? ''),
    SessionContext: sms.outId,
  });
  const host = new URL(o.endpoint).host;
  const timestamp = Math.floor(now.getTime() / 1000);
  try {
    const answer = await httpRequest(o.endpoint, {
      method: 'POST',
      headers: {
        authorization: signTc3({ secretId: o.secretId, secretKey: o.secretKey, service: 'sms', host, payload, timestamp }),
        'content-type': 'application/json; charset=utf-8',
        'x-tc-action': 'SendSms',
        'x-tc-timestamp': String(timestamp),
        'x-tc-version': '2021-01-11',
        'x-tc-region': o.region,
      },
      body: payload,
    });
    type Answer = { Response?: { Error?: { Code: string; Message: string }; SendStatusSet?: { Code: string; Message: string; SerialNo?: string }[] } };
    const response = (answer.json as Answer | null)?.Response;
    if (response?.Error) {
      return {
        ok: false,
        permanent: permanentCodes.includes(response.Error.Code),
        error: `${response.Error.Code}: ${response.Error.Message}`,
        statusCode: answer.status,
      };
    }
    const status = response?.SendStatusSet?.[0];
    if (answer.status === 200 && status?.Code === 'Ok') return { ok: true, providerMessageId: status.SerialNo ?? null, statusCode: answer.status };
    const code = status?.Code ?? `HTTP ${answer.status}`;
    return {
      ok: false,
      permanent: permanentCodes.includes(code),
      error: `${code}: ${status?.Message ?? answer.text.slice(0, 200)}`,
      statusCode: answer.status,
    };
  } catch (error) {
    return unreachable(error);
  }
}
