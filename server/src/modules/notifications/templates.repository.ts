/** Notice templates: the admin's edited text where there is one, the built-in text otherwise. */
import type { Db } from '../../db/connect.ts';
import { defaultTemplate, type TemplateText } from './default-templates.ts';
import { eventsOf, type NoticeAudience, type NoticeLocale, noticeAudiences, noticeLocales } from './notice-catalog.ts';

export type StoredTemplate = TemplateText & {
  audience: NoticeAudience;
  event: string;
  locale: NoticeLocale;
  customized: boolean;
  updatedAt: string | null;
};

type Key = { audience: NoticeAudience; event: string; locale: NoticeLocale };

/** The template of an event in a language, or undefined when the audience does not hear of the event. */
export async function findTemplate(db: Db, key: Key): Promise<StoredTemplate | undefined> {
  const fallback = defaultTemplate(key.audience, key.event, key.locale);
  if (!fallback) return undefined;
  const row = await db
    .selectFrom('notificationTemplates')
    .select(['subject', 'short', 'body', 'essential', 'updatedAt'])
    .where('audience', '=', key.audience)
    .where('event', '=', key.event)
    .where('locale', '=', key.locale)
    .executeTakeFirst();
  if (!row) return { ...key, ...fallback, customized: false, updatedAt: null };
  return { ...key, subject: row.subject, short: row.short, body: row.body, essential: row.essential === 1, customized: true, updatedAt: row.updatedAt };
}

/** Every template, per audience, event and language. */
export async function listTemplates(db: Db): Promise<StoredTemplate[]> {
  const rows = await db.selectFrom('notificationTemplates').selectAll().execute();
  const stored = new Map(rows.map((r) => [`${r.audience}|${r.event}|${r.locale}`, r]));
  const result: StoredTemplate[] = [];
  for (const audience of noticeAudiences) {
    for (const event of eventsOf(audience)) {
      for (const locale of noticeLocales) {
        const fallback = defaultTemplate(audience, event, locale);
        if (!fallback) continue;
        const row = stored.get(`${audience}|${event}|${locale}`);
        result.push(
          row
            ? {
                audience,
                event,
                locale,
                subject: row.subject,
                short: row.short,
                body: row.body,
                essential: row.essential === 1,
                customized: true,
                updatedAt: row.updatedAt,
              }
            : { audience, event, locale, ...fallback, customized: false, updatedAt: null },
        );
      }
    }
  }
  return result;
}

/** Stores an edited template. */
export async function saveTemplate(db: Db, key: Key, text: TemplateText, userId: string | null, now: Date): Promise<void> {
  const values = {
    subject: text.subject,
    short: text.short,
    body: text.body,
    essential: text.essential ? 1 : 0,
    updatedById: userId,
    updatedAt: now.toISOString(),
  };
  await db
    .insertInto('notificationTemplates')
    .values({ ...key, ...values })
    .onConflict((oc) => oc.columns(['audience', 'event', 'locale']).doUpdateSet(values))
    .execute();
}

/** Goes back to the built-in text; false when there was no edit. */
export async function resetTemplate(db: Db, key: Key): Promise<boolean> {
  const result = await db
    .deleteFrom('notificationTemplates')
    .where('audience', '=', key.audience)
    .where('event', '=', key.event)
    .where('locale', '=', key.locale)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
