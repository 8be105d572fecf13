import { createHash, randomUUID } from 'node:crypto';
import { In, IsNull, type EntityManager } from 'typeorm';
import { AppNotification } from '../../shared/contract/ipc';
import type { UserDto } from '../../shared/domain/roles';
import { MetaKey, NotificationRow, ParticipationRow, PreApplicationRow, ResponseRow } from '../cache/entities';
import { readMeta } from '../cache/meta';

/**
 * In-app notifications: what a pull brought that the signed-in employer should know about — a
 * decision (approved / rejected) on one of its pre-applications or participation infos, and new
 * responses to its vacancies. Detected inside the rebase transaction by comparing the SERVER
 * state of the watched rows before the pull (after the optimistic effects were rolled back) with
 * the state after it (before the outbox is replayed), so the user's own optimistic changes never
 * count. Nothing is detected for the first pull of a cache (a fresh sign-in's snapshot) or for
 * moderators. Stored in `notifications` deduplicated by kind, record and state.
 */

type Decided = { status: string; decidedAt: number | null };

/** The watched server state before a pull; null when nothing is to be noticed (moderator, first pull). */
export interface WatchedState {
  actorId: string;
  lastSyncedAt: number;
  preApplications: Map<string, Decided>;
  participations: Map<string, Decided>;
  responseIds: Set<string>;
}

const isEmployer = (actor: UserDto): boolean => actor.role === 'employer_admin' || actor.role === 'employer_manager';

/** Reads the watched rows as the server last sent them. Call after rolling back optimistic rows, before applying the pull. */
export async function watchBeforePull(m: EntityManager, actor: UserDto): Promise<WatchedState | null> {
  if (!isEmployer(actor)) return null;
  // No cookie: this pull is the cache's first (a fresh sign-in's snapshot) — no flood.
  if ((await readMeta(m, MetaKey.pullCookie)) === null) return null;
  const decided = (rows: Array<{ id: string } & Decided>): Map<string, Decided> =>
    new Map(rows.map((r) => [r.id, { status: r.status, decidedAt: r.decidedAt }]));
  return {
    actorId: actor.id,
    lastSyncedAt: Number((await readMeta(m, MetaKey.lastSyncedAt)) ?? 0),
    preApplications: decided(await m.find(PreApplicationRow, { select: { id: true, status: true, decidedAt: true } })),
    participations: decided(await m.find(ParticipationRow, { select: { id: true, status: true, decidedAt: true } })),
    responseIds: new Set((await m.find(ResponseRow, { select: { id: true } })).map((r) => r.id)),
  };
}

/**
 * Compares the state after the pull with `before` and stores what is new. Call after applying the
 * pull, before replaying the outbox. @returns the notifications stored now (announce each once).
 */
export async function noticeAfterPull(m: EntityManager, before: WatchedState | null, now: number): Promise<AppNotification[]> {
  if (!before) return [];
  const found: Array<Omit<NotificationRow, 'id' | 'createdAt' | 'readAt'>> = [];
  const isNews = (row: { id: string; status: string; decidedAt: number | null; decidedBy: string | null }, seen: Map<string, Decided>): boolean => {
    if (row.status !== 'approved' && row.status !== 'rejected') return false;
    if (row.decidedBy === before.actorId) return false;
    const was = seen.get(row.id);
    if (was) return was.status !== row.status || was.decidedAt !== row.decidedAt;
    // New to this cache and already decided: news only if decided since the last pull.
    return (row.decidedAt ?? 0) > before.lastSyncedAt;
  };

  for (const app of await m.find(PreApplicationRow, { where: { status: In(['approved', 'rejected']) } })) {
    if (!isNews(app, before.preApplications)) continue;
    found.push({
      kind: 'preApplicationDecided',
      recordId: app.id,
      paramsJson: JSON.stringify({ decision: app.status, number: app.number, fairTitle: app.fairTitle, reason: app.rejectionReason }),
      dedupeKey: `preApplicationDecided:${app.id}:${app.status}:${app.decidedAt ?? ''}`,
    });
  }
  for (const info of await m.find(ParticipationRow, { where: { status: In(['approved', 'rejected']) } })) {
    if (!isNews(info, before.participations)) continue;
    found.push({
      kind: 'participationDecided',
      recordId: info.id,
      paramsJson: JSON.stringify({ decision: info.status, number: info.number, fairTitle: info.fairTitle, reason: info.rejectionReason }),
      dedupeKey: `participationDecided:${info.id}:${info.status}:${info.decidedAt ?? ''}`,
    });
  }

  const fresh = (await m.find(ResponseRow, { order: { createdAt: 'ASC', id: 'ASC' } })).filter((r) => !before.responseIds.has(r.id));
  const byParticipation = new Map<string, ResponseRow[]>();
  for (const r of fresh) byParticipation.set(r.participationId, [...(byParticipation.get(r.participationId) ?? []), r]);
  for (const [participationId, responses] of byParticipation) {
    const info = await m.findOneBy(ParticipationRow, { id: participationId });
    const ids = responses.map((r) => r.id).sort().join(',');
    found.push({
      kind: 'newResponses',
      recordId: participationId,
      paramsJson: JSON.stringify({
        count: responses.length,
        fairTitle: info?.fairTitle ?? null,
        companyName: responses[0]?.companyName ?? null,
        wantsVideoInterview: responses.filter((r) => r.wantsVideoInterview === 1).length,
      }),
      dedupeKey: `newResponses:${participationId}:${createHash('sha256').update(ids).digest('hex').slice(0, 32)}`,
    });
  }

  const stored: AppNotification[] = [];
  for (const item of found) {
    if (await m.existsBy(NotificationRow, { dedupeKey: item.dedupeKey })) continue;
    const row: NotificationRow = { id: randomUUID(), ...item, createdAt: now, readAt: null };
    await m.insert(NotificationRow, row);
    stored.push(notificationFromRow(row));
  }
  return stored;
}

export function notificationFromRow(row: NotificationRow): AppNotification {
  return AppNotification.parse({
    id: row.id,
    kind: row.kind,
    recordId: row.recordId,
    params: JSON.parse(row.paramsJson) as unknown,
    createdAt: row.createdAt,
    readAt: row.readAt,
  });
}

/** The user's notifications, newest first (at most the last 200). */
export async function listNotifications(m: EntityManager): Promise<AppNotification[]> {
  const rows = await m.find(NotificationRow, { order: { createdAt: 'DESC', id: 'ASC' }, take: 200 });
  return rows.map(notificationFromRow);
}

/** Marks `ids` read (all unread when omitted); already read ones keep their time. */
export async function markNotificationsRead(m: EntityManager, ids: readonly string[] | undefined, now: number): Promise<void> {
  if (ids?.length === 0) return;
  await m.update(NotificationRow, ids ? { id: In([...ids]), readAt: IsNull() } : { readAt: IsNull() }, { readAt: now });
}
