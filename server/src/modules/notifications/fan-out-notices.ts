/**
 * Turns an event into notices, inside the transaction that claims it: the customer's
 * notice on the channel their contacts allow (SMS → WeChat → email), the in-app notice
 * for the role that owns the return's new stage, and a line for each group robot that
 * hears the event. Every customer notice carries the signed progress link.
 */
import type { Db } from '../../db/connect.ts';
import { roles as staffRoles } from '../auth/roles.ts';
import { issueProgressLink, progressPageUrl } from '../portal/progress-links.ts';
import { getCurrentProcess } from '../process/process.repository.ts';
import { smsReady } from './channels/sms.ts';
import {
  customerNoticeEvents,
  type NoticeChannel,
  type NoticeLocale,
  type NoticeVariables,
  noticeLocales,
  staffNoticeEvents,
  toNoticeLocale,
} from './notice-catalog.ts';
import { findOrderNumbers, findRecipients, type NoticeRecipient } from './notice-facts.repository.ts';
import { isReturnPayload, type ReturnPayload, returnVariables } from './notice-variables.ts';
import { insertNotices, type NewNotice } from './notices.repository.ts';
import type { NotificationSettings } from './notification-settings.schema.ts';
import { interpolate, renderTemplate } from './render-template.ts';
import { robotsFor } from './robots.repository.ts';
import { findTemplate } from './templates.repository.ts';

export type FanOutRuntime = {
  now: Date;
  publicUrl: string;
  settings: NotificationSettings;
  /** Answers shared by the events of one pass (templates, process, robots), read once. */
  memo?: Map<string, Promise<unknown>>;
};

/** Reads something once per pass when the runtime has a memo. */
function once<T>(rt: FanOutRuntime, key: string, read: () => Promise<T>): Promise<T> {
  if (!rt.memo) return read();
  let value = rt.memo.get(key) as Promise<T> | undefined;
  if (!value) {
    value = read();
    rt.memo.set(key, value);
  }
  return value;
}

export type NoticeEvent = { key: string; type: string; createdAt: string; payload: unknown; extra?: NoticeVariables };

const base = (url: string) => url.replace(/\/$/, '');

/** The channels a customer is reached on for an event, in the order customers expect. */
export function customerTargets(r: NoticeRecipient, s: NotificationSettings, eventType: string): { channel: NoticeChannel; recipient: string }[] {
  const targets: { channel: NoticeChannel; recipient: string }[] = [];
  if (r.phone && smsReady(s.sms, eventType)) targets.push({ channel: 'sms', recipient: r.phone });
  if (r.wechatOpenid && s.wechat_mp.appId && s.wechat_mp.appSecret && s.wechat_mp.templateIds[eventType]) {
    targets.push({ channel: 'wechat_mp', recipient: r.wechatOpenid });
  }
  if (r.email && s.email.smtpUrl) targets.push({ channel: 'email', recipient: r.email });
  return s.general.customerChannels === 'all' ? targets : targets.slice(0, 1);
}

const stageEvents = ['return.created', 'return.approved', 'return.shipped', 'return.received', 'return.inspected'];

/** The staff roles told in the console: the owner of the stage the return entered (or whom an automation names). */
function inAppRoles(eventType: string, payload: ReturnPayload, owners: Map<string, string>): string[] {
  const isStaff = (role: string | undefined): role is string => Boolean(role && (staffRoles as readonly string[]).includes(role));
  let role: string | undefined;
  if (eventType === 'refund.pending_approval') role = 'finance';
  else if (eventType === 'return.arriving') role = owners.get('receiving');
  else if (eventType === 'return.escalated') role = payload.role;
  else if (eventType === 'automation.notify') {
    if (payload.channel !== 'staff') return [];
    const owner = owners.get(payload.stage);
    role = isStaff(owner) ? owner : 'manager';
  } else if (stageEvents.includes(eventType) && payload.stage !== 'done') role = owners.get(payload.stage);
  return isStaff(role) ? [role] : [];
}

export type StaffNoticeOptions = {
  key: string;
  type: string;
  returnId: string | null;
  roles: readonly string[];
  /** Staff users told in the console by name (recipient `user:<id>`). */
  users?: readonly string[];
  /** Whether group robots that listen hear it (default yes). */
  robots?: boolean;
  emails?: readonly { email: string; locale: string }[];
  variables: (locale: NoticeLocale) => NoticeVariables;
  digestLink: string | null;
};

/** In-app notices for roles, robot lines and staff emails for one event. */
export async function staffNotices(trx: Db, o: StaffNoticeOptions, rt: FanOutRuntime): Promise<NewNotice[]> {
  if (!(staffNoticeEvents as readonly string[]).includes(o.type)) return [];
  const templates = new Map<NoticeLocale, NonNullable<Awaited<ReturnType<typeof findTemplate>>>>();
  for (const locale of noticeLocales) {
    const template = await once(rt, `template:staff:${o.type}:${locale}`, () => findTemplate(trx, { audience: 'staff', event: o.type, locale }));
    if (template) templates.set(locale, template);
  }
  // Each locale's variables are worked out once (dates and amounts are formatted in them).
  const computed = new Map<NoticeLocale, NoticeVariables>();
  const variablesOf = (locale: NoticeLocale): NoticeVariables => {
    let v = computed.get(locale);
    if (!v) {
      v = o.variables(locale);
      computed.set(locale, v);
    }
    return v;
  };
  const render = (locale: NoticeLocale) => {
    const template = templates.get(locale);
    if (!template) return undefined;
    const variables = variablesOf(locale);
    return { template, variables, ...renderTemplate(template, { ...variables, count: '1' }) };
  };
  const zh = render('zh-CN');
  const en = render('en');
  if (!zh || !en) return [];
  const common = { eventKey: o.key, eventType: o.type, returnId: o.returnId, customerId: null, audience: 'staff' as const, essential: true };
  const recipients = [...o.roles.map((role) => `role:${role}`), ...(o.users ?? []).map((id) => `user:${id}`)];
  const notices: NewNotice[] = recipients.map((recipient) => ({
    ...common,
    channel: 'in_app',
    recipient,
    locale: 'zh-CN',
    subject: zh.subject,
    short: zh.short,
    body: zh.body,
    link: variablesOf('zh-CN').link || null,
    data: { alt: { en: { subject: en.subject, short: en.short } } },
    delivered: true,
    nextAttemptAt: rt.now,
  }));
  const robots = o.robots === false ? [] : await once(rt, `robots:${o.type}`, () => robotsFor(trx, o.type));
  for (const robot of robots) {
    const r = robot.locale === 'en' ? en : zh;
    notices.push({
      ...common,
      channel: robot.kind === 'wecom' ? 'wecom_robot' : 'dingtalk_robot',
      recipient: robot.id,
      locale: robot.locale,
      subject: r.subject,
      short: r.short,
      body: r.body,
      link: r.variables.link || null,
      data: { subjectTemplate: r.template.subject, variables: r.variables, digestLink: o.digestLink },
      delivered: false,
      // Notices of the same event within the window go out as one message.
      nextAttemptAt: new Date(rt.now.getTime() + robot.digestSeconds * 1000),
    });
  }
  if (rt.settings.email.smtpUrl) {
    for (const person of o.emails ?? []) {
      const r = toNoticeLocale(person.locale) === 'en' ? en : zh;
      notices.push({
        ...common,
        channel: 'email',
        recipient: person.email,
        locale: toNoticeLocale(person.locale),
        subject: r.subject,
        short: r.short,
        body: r.body,
        link: r.variables.link || null,
        data: { variables: r.variables },
        delivered: false,
        nextAttemptAt: rt.now,
      });
    }
  }
  return notices;
}

async function customerNotices(trx: Db, event: NoticeEvent, p: ReturnPayload, c: ReturnFacts, rt: FanOutRuntime): Promise<NewNotice[]> {
  const recipient = c.recipient;
  if (!recipient || !(customerNoticeEvents as readonly string[]).includes(event.type)) return [];
  if (event.type === 'automation.notify' && p.channel !== 'customer') return [];
  const locale = toNoticeLocale(recipient.locale);
  const template = await once(rt, `template:customer:${event.type}:${locale}`, () => findTemplate(trx, { audience: 'customer', event: event.type, locale }));
  if (!template || (!template.essential && recipient.optedOut)) return [];
  const targets = customerTargets(recipient, rt.settings, event.type);
  if (targets.length === 0) return [];
  const { token } = await issueProgressLink(trx, p.id, rt.now);
  const link = progressPageUrl(rt.publicUrl, token);
  const variables = returnVariables({ ...c.base(locale), link });
  const rendered = renderTemplate(template, variables);
  const unsubscribeUrl = template.essential ? null : `${base(rt.publicUrl)}/api/v1/notifications/unsubscribe?token=${encodeURIComponent(token)}`;
  return targets.map((target) => ({
    eventKey: event.key,
    eventType: event.type,
    returnId: p.id,
    customerId: recipient.id,
    audience: 'customer',
    channel: target.channel,
    recipient: target.recipient,
    locale,
    ...rendered,
    link,
    data: { variables, unsubscribeUrl },
    essential: template.essential,
    delivered: false,
    nextAttemptAt: rt.now,
  }));
}

type ReturnFacts = { recipient: NoticeRecipient | undefined; base: (locale: NoticeLocale) => Parameters<typeof returnVariables>[0] };

/** Writes the notices of a return event (customer, in-app, robots); returns how many were new. */
export function fanOutReturnNotices(trx: Db, event: NoticeEvent, rt: FanOutRuntime): Promise<number> {
  return fanOutManyReturnNotices(trx, [event], rt);
}

/**
 * Writes the notices of a batch of return events: the customers and order numbers of the
 * whole batch are read at once and its notices written together, instead of two reads
 * and an insert per event (the notice worker's fan-out was most of what a return cost
 * after its own transaction; docs/performance.md). Returns how many notices were new.
 */
export async function fanOutManyReturnNotices(trx: Db, events: readonly NoticeEvent[], rt: FanOutRuntime): Promise<number> {
  const heard = events.filter(
    (e): e is NoticeEvent & { payload: ReturnPayload } =>
      isReturnPayload(e.payload) && ((customerNoticeEvents as readonly string[]).includes(e.type) || (staffNoticeEvents as readonly string[]).includes(e.type)),
  );
  if (heard.length === 0) return 0;
  const recipients = await findRecipients(
    trx,
    heard.map((e) => e.payload.customerId),
  );
  const orderNumbers = await findOrderNumbers(
    trx,
    heard.map((e) => e.payload.orderId),
  );
  const process = await once(rt, 'process', () => getCurrentProcess(trx));
  const owners = new Map(process.stages.map((s) => [s.code as string, s.ownerRole]));
  const shippingHours = process.stages.find((s) => s.code === 'return_shipping')?.timeLimitHours ?? null;
  const notices: NewNotice[] = [];
  for (const event of heard) {
    const p = event.payload;
    const recipient = recipients.get(p.customerId);
    const facts: ReturnFacts = {
      recipient,
      base: (locale) => ({
        eventType: event.type,
        eventAt: event.createdAt,
        payload: p,
        customerName: recipient?.name ?? '',
        orderNumber: orderNumbers.get(p.orderId) ?? null,
        shopName: rt.settings.general.shopName,
        link: null,
        locale,
        shipWithinDays: shippingHours ? Math.round(shippingHours / 24) : null,
        ...(event.extra ? { extra: event.extra } : {}),
      }),
    };
    const consoleLink = `${base(rt.publicUrl)}/console/returns/${p.id}`;
    notices.push(...(await customerNotices(trx, event, p, facts, rt)));
    notices.push(
      ...(await staffNotices(
        trx,
        {
          key: event.key,
          type: event.type,
          returnId: p.id,
          roles: inAppRoles(event.type, p, owners),
          users: event.type === 'return.escalated' && p.userId ? [p.userId] : [],
          robots: event.type !== 'automation.notify' || p.channel === 'robot',
          variables: (locale) => returnVariables({ ...facts.base(locale), link: consoleLink }),
          digestLink: `${base(rt.publicUrl)}/console`,
        },
        rt,
      )),
    );
  }
  return insertNotices(trx, notices, rt.now);
}

/** The heading of a robot digest of `count` notices. */
export function digestSubject(data: Record<string, unknown>, fallback: string, count: number): string {
  const template = typeof data.subjectTemplate === 'string' ? data.subjectTemplate : null;
  if (!template) return fallback;
  return interpolate(template, { ...((data.variables ?? {}) as NoticeVariables), count: String(count) }, false);
}
