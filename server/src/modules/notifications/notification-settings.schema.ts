/**
 * Channel and automation settings: zod schemas shared by the settings API and the
 * workers. Secrets are write-only: the API shows them as `********`, and a PUT that
 * sends the mask (or leaves the field out) keeps the stored secret.
 */
import { z } from 'zod';

export const secretMask = '********';

const EventCodes = z.record(z.string().regex(/^[a-z_]+\.[a-z_]+$/), z.string().trim().min(1).max(64));
const Url = z.url({ protocol: /^https?$/ }).max(500);

export const GeneralSettings = z.object({
  /** The shop's name in notices (【店名】 in SMS). */
  shopName: z.string().trim().min(1).max(40),
  /** `first`: the first channel the customer can be reached on (SMS → WeChat → email); `all`: every one. */
  customerChannels: z.enum(['first', 'all']),
});
export type GeneralSettings = z.infer<typeof GeneralSettings>;

export const SmsSettings = z.object({
  provider: z.enum(['none', 'aliyun', 'tencent']),
  /** The approved signature (短信签名). */
  signName: z.string().trim().max(40),
  /** The vendor's approved template code (Aliyun `SMS_…`, Tencent template id) per event. */
  templateCodes: EventCodes,
  /** Used for events without their own code. */
  defaultTemplateCode: z.string().trim().max(64),
  /** Variables passed to the vendor template, in order (Tencent) or by name (Aliyun). */
  templateParams: z.array(z.string().regex(/^[A-Za-z]+$/)).max(10),
  aliyun: z.object({
    accessKeyId: z.string().trim().max(100),
    accessKeySecret: z.string().max(200),
    regionId: z.string().trim().max(40),
    endpoint: Url,
  }),
  tencent: z.object({
    secretId: z.string().trim().max(100),
    secretKey: z.string().max(200),
    sdkAppId: z.string().trim().max(40),
    region: z.string().trim().max(40),
    endpoint: Url,
  }),
});
export type SmsSettings = z.infer<typeof SmsSettings>;

export const EmailSettings = z.object({
  /** smtp://user:pass@host:port or smtps://…; empty: email off. */
  smtpUrl: z.string().max(500),
  from: z.string().trim().max(200),
});
export type EmailSettings = z.infer<typeof EmailSettings>;

export const WechatMpSettings = z.object({
  appId: z.string().trim().max(64),
  appSecret: z.string().max(200),
  /** The template id (模板ID) per event. */
  templateIds: EventCodes,
  /** Template data keys and the variable each shows (first/keyword1…/remark or thing1…). */
  fields: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,31}$/), z.string().regex(/^[A-Za-z]+$/)),
  apiBase: Url,
});
export type WechatMpSettings = z.infer<typeof WechatMpSettings>;

export const AutomationSettings = z.object({
  /** Remind a customer whose approved return has not shipped after this many days; 0: never. */
  shipReminderDays: z.number().int().min(0).max(60),
  /** Cancel an approved return not shipped by the return-shipping stage's time limit. */
  autoCancelUnshipped: z.boolean(),
});
export type AutomationSettings = z.infer<typeof AutomationSettings>;

export const LogisticsSettings = z.object({
  /** The salt given to 快递100 when subscribing: pushes are signed MD5(param + salt). */
  kuaidi100Salt: z.string().max(200),
});
export type LogisticsSettings = z.infer<typeof LogisticsSettings>;

export const settingSchemas = {
  general: GeneralSettings,
  sms: SmsSettings,
  email: EmailSettings,
  wechat_mp: WechatMpSettings,
  automation: AutomationSettings,
  logistics: LogisticsSettings,
} as const;

export type SettingKey = keyof typeof settingSchemas;
export const settingKeys = Object.keys(settingSchemas) as SettingKey[];

export type NotificationSettings = {
  general: GeneralSettings;
  sms: SmsSettings;
  email: EmailSettings;
  wechat_mp: WechatMpSettings;
  automation: AutomationSettings;
  logistics: LogisticsSettings;
};

/** The secret fields of each setting (masked on the way out). */
export const secretFields: Record<SettingKey, string[]> = {
  general: [],
  sms: ['aliyun.accessKeySecret', 'tencent.secretKey'],
  email: [],
  wechat_mp: ['appSecret'],
  automation: [],
  logistics: ['kuaidi100Salt'],
};

export const defaultSettings: NotificationSettings = {
  general: { shopName: '退货通', customerChannels: 'first' },
  sms: {
    provider: 'none',
    signName: '',
    templateCodes: {},
    defaultTemplateCode: '',
    templateParams: ['returnNumber', 'statusText', 'link'],
    aliyun: { accessKeyId: '', accessKeySecret: '', regionId: 'cn-hangzhou', endpoint: 'https://dysmsapi.aliyuncs.com/' },
    tencent: { secretId: '', secretKey: '', sdkAppId: '', region: 'ap-guangzhou', endpoint: 'https://sms.tencentcloudapi.com/' },
  },
  email: { smtpUrl: '', from: '' },
  wechat_mp: {
    appId: '',
    appSecret: '',
    templateIds: {},
    fields: { first: 'subject', keyword1: 'returnNumber', keyword2: 'statusText', keyword3: 'date', remark: 'short' },
    apiBase: 'https://api.weixin.qq.com/',
  },
  automation: { shipReminderDays: 3, autoCancelUnshipped: true },
  logistics: { kuaidi100Salt: '' },
};

/** An "event=code,event=code" or JSON object list from an environment variable. */
function parseCodes(value: string | undefined): Record<string, string> {
  if (!value) return {};
  const text = value.trim();
  if (text.startsWith('{')) return JSON.parse(text) as Record<string, string>;
  return Object.fromEntries(
    text
      .split(',')
      .map((pair) => pair.split('=').map((s) => s.trim()))
      .filter((pair): pair is [string, string] => pair.length === 2 && Boolean(pair[0]) && Boolean(pair[1])),
  );
}

/** Settings from environment variables, over the defaults (the database's settings go over these). */
export function settingsFromEnv(env: NodeJS.ProcessEnv): NotificationSettings {
  const d = defaultSettings;
  const vendor = env.RETURNFLOW_SMS_VENDOR ?? (env.ALIYUN_SMS_ACCESS_KEY_ID ? 'aliyun' : env.TENCENT_SMS_SECRET_ID ? 'tencent' : 'none');
  return {
    general: { ...d.general, shopName: env.RETURNFLOW_SHOP_NAME ?? d.general.shopName },
    sms: {
      ...d.sms,
      provider: vendor === 'aliyun' || vendor === 'tencent' ? vendor : 'none',
      signName: env.SMS_SIGN_NAME ?? env.ALIYUN_SMS_SIGN_NAME ?? env.TENCENT_SMS_SIGN_NAME ?? '',
      templateCodes: parseCodes(env.SMS_TEMPLATE_CODES),
      defaultTemplateCode: env.SMS_DEFAULT_TEMPLATE_CODE ?? '',
      aliyun: {
        accessKeyId: env.ALIYUN_SMS_ACCESS_KEY_ID ?? '',
        accessKeySecret: env.ALIYUN_SMS_ACCESS_KEY_SECRET ?? '',
        regionId: env.ALIYUN_SMS_REGION ?? d.sms.aliyun.regionId,
        endpoint: env.ALIYUN_SMS_ENDPOINT ?? d.sms.aliyun.endpoint,
      },
      tencent: {
        secretId: env.TENCENT_SMS_SECRET_ID ?? '',
        secretKey: env.TENCENT_SMS_SECRET_KEY ?? '',
        sdkAppId: env.TENCENT_SMS_SDK_APP_ID ?? '',
        region: env.TENCENT_SMS_REGION ?? d.sms.tencent.region,
        endpoint: env.TENCENT_SMS_ENDPOINT ?? d.sms.tencent.endpoint,
      },
    },
    email: { smtpUrl: env.SMTP_URL ?? '', from: env.SMTP_FROM ?? '' },
    wechat_mp: {
      ...d.wechat_mp,
      appId: env.WECHAT_MP_APP_ID ?? '',
      appSecret: env.WECHAT_MP_APP_SECRET ?? '',
      templateIds: parseCodes(env.WECHAT_MP_TEMPLATE_IDS),
      apiBase: env.WECHAT_MP_API_BASE ?? d.wechat_mp.apiBase,
    },
    automation: {
      shipReminderDays: env.RETURNFLOW_SHIP_REMINDER_DAYS ? Number(env.RETURNFLOW_SHIP_REMINDER_DAYS) : d.automation.shipReminderDays,
      autoCancelUnshipped: env.RETURNFLOW_AUTO_CANCEL_UNSHIPPED !== '0',
    },
    logistics: { kuaidi100Salt: env.KUAIDI100_SALT ?? '' },
  };
}

function getPath(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), value);
}

function setPath(value: Record<string, unknown>, path: string, next: unknown): void {
  const keys = path.split('.');
  let target = value;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[keys[keys.length - 1] as string] = next;
}

/** A copy with the secrets replaced by the mask (empty secrets stay empty) and passwords taken out of URLs. */
export function maskSecrets<K extends SettingKey>(key: K, value: NotificationSettings[K]): NotificationSettings[K] {
  const copy = structuredClone(value) as Record<string, unknown>;
  for (const path of secretFields[key]) if (getPath(copy, path)) setPath(copy, path, secretMask);
  if (key === 'email' && typeof copy.smtpUrl === 'string' && copy.smtpUrl) {
    try {
      const url = new URL(copy.smtpUrl);
      if (url.password) url.password = secretMask;
      copy.smtpUrl = url.toString();
    } catch {
      copy.smtpUrl = secretMask;
    }
  }
  return copy as NotificationSettings[K];
}

/** A new value for a setting: secrets sent as the mask (or not at all) keep their current value. */
export function keepMaskedSecrets<K extends SettingKey>(key: K, next: NotificationSettings[K], current: NotificationSettings[K]): NotificationSettings[K] {
  const copy = structuredClone(next) as Record<string, unknown>;
  for (const path of secretFields[key]) {
    const given = getPath(copy, path);
    if (given === secretMask || given === undefined) setPath(copy, path, getPath(current, path));
  }
  if (key === 'email' && typeof copy.smtpUrl === 'string' && copy.smtpUrl.includes(encodeURIComponent(secretMask))) {
    const currentUrl = (current as EmailSettings).smtpUrl;
    try {
      const url = new URL(copy.smtpUrl);
      url.password = new URL(currentUrl).password;
      copy.smtpUrl = url.toString();
    } catch {
      copy.smtpUrl = currentUrl;
    }
  }
  return copy as NotificationSettings[K];
}
