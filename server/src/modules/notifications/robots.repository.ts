/** Group-chat robots (企业微信 / 钉钉 群机器人) and the events each one hears. */
import type { Db } from '../../db/connect.ts';
import { newId } from '../../lib/ids.ts';
import type { NoticeLocale } from './notice-catalog.ts';

export type RobotKind = 'wecom' | 'dingtalk';

export type Robot = {
  id: string;
  name: string;
  kind: RobotKind;
  webhookUrl: string;
  /** DingTalk's signing secret (加签); never shown back. */
  secret: string | null;
  events: string[];
  locale: NoticeLocale;
  /** Notices of one event within this many seconds go out as one message ("3 returns arrived"). */
  digestSeconds: number;
  active: boolean;
  createdAt: string;
};

type RobotRow = Omit<Robot, 'events' | 'active' | 'kind' | 'locale'> & { events: string; active: number; kind: string; locale: string };

function toRobot(row: RobotRow): Robot {
  return { ...row, kind: row.kind as RobotKind, locale: row.locale as NoticeLocale, events: JSON.parse(row.events) as string[], active: row.active === 1 };
}

export type RobotInput = Omit<Robot, 'id' | 'createdAt'>;

/** Adds a robot. */
export async function insertRobot(db: Db, input: RobotInput, now: Date): Promise<Robot> {
  const row = { ...input, id: newId('rbt'), events: JSON.stringify(input.events), active: input.active ? 1 : 0, createdAt: now.toISOString() };
  await db.insertInto('notificationRobots').values(row).execute();
  return toRobot(row);
}

/** Changes a robot; undefined when there is none. */
export async function updateRobot(db: Db, id: string, patch: Partial<RobotInput>): Promise<Robot | undefined> {
  const { events, active, ...rest } = patch;
  const set = {
    ...rest,
    ...(events ? { events: JSON.stringify(events) } : {}),
    ...(active === undefined ? {} : { active: active ? 1 : 0 }),
  };
  if (Object.keys(set).length > 0) await db.updateTable('notificationRobots').set(set).where('id', '=', id).execute();
  return findRobot(db, id);
}

/** A robot by id. */
export async function findRobot(db: Db, id: string): Promise<Robot | undefined> {
  const row = await db.selectFrom('notificationRobots').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRobot(row) : undefined;
}

/** Every robot, oldest first. */
export async function listRobots(db: Db): Promise<Robot[]> {
  return (await db.selectFrom('notificationRobots').selectAll().orderBy('id').execute()).map(toRobot);
}

/** Active robots that hear an event. */
export async function robotsFor(db: Db, eventType: string): Promise<Robot[]> {
  const rows = await db.selectFrom('notificationRobots').selectAll().where('active', '=', 1).execute();
  return rows.map(toRobot).filter((r) => r.events.includes(eventType) || r.events.includes('*'));
}

/** Removes a robot; its past notices stay in the log. */
export async function deleteRobot(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('notificationRobots').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
