import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailOutboxResponse, mailOutboxRoute } from '../../../src/shared/api/mailOutbox';
import { serverDatabaseKinds, startServerOn, type ServerOnDatabase } from '../support/databases';
import { call, errorOf, loginAs, mutation, newClientId, pullAll, push, putsOf } from '../support/syncClient';

/** With no SMTP configured, mails are held in the outbox the centre's moderators read. */
describe.each(serverDatabaseKinds())('mail outbox without SMTP (%s)', (kind) => {
  let env: ServerOnDatabase;

  beforeAll(async () => {
    env = await startServerOn(kind, { env: { FAIRDESK_SMTP_URL: undefined } });
  });
  afterAll(async () => {
    await env?.dispose();
  });

  it('holds the decision mails, shows them to that centre’s moderators only, newest first and paged', async () => {
    const url = env.server.url;
    const moderator = await loginAs(url, 'moderator@fairdesk.demo');
    const world = await pullAll(url, moderator.token, { clientId: newClientId(), cookie: null });
    const open = putsOf(world.patch, 'preApplication').filter((p) => p.status === 'under_review');
    const target = open[0];
    if (!target) throw new Error('the demo world has no application under review');
    const reason = `Reason ${crypto.randomUUID()}`;
    await push(url, moderator.token, {
      clientId: newClientId(),
      mutations: [mutation(1, 'decidePreApplication', { id: target.id, decision: 'reject', reason, fairId: null, expectedStatus: 'under_review' })],
    });

    const read = async (token: string, query = '') => call(url, 'GET', `${mailOutboxRoute.path}${query}`, { token });
    let outbox = MailOutboxResponse.parse((await read(moderator.token)).body);
    for (let i = 0; i < 50 && !(outbox.items.length > 0 && outbox.items.every((m) => m.status === 'held')); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      outbox = MailOutboxResponse.parse((await read(moderator.token)).body);
    }
    expect(outbox.total).toBeGreaterThanOrEqual(2);
    expect(outbox.items.every((m) => m.status === 'held' && m.attempts === 0 && m.template === 'preApplicationRejected')).toBe(true);
    expect(outbox.items.every((m) => m.textBody.includes(reason))).toBe(true);
    expect(new Set(outbox.items.map((m) => m.toAddress.toLowerCase())).size).toBe(outbox.items.length);
    expect(outbox.items.map((m) => m.createdAt)).toEqual([...outbox.items.map((m) => m.createdAt)].sort((a, b) => b - a));

    const firstPage = MailOutboxResponse.parse((await read(moderator.token, '?pageSize=1&page=1')).body);
    const secondPage = MailOutboxResponse.parse((await read(moderator.token, '?pageSize=1&page=2')).body);
    expect([firstPage.items.length, secondPage.items.length, firstPage.total]).toEqual([1, 1, outbox.total]);
    expect(firstPage.items[0]?.id).not.toBe(secondPage.items[0]?.id);
    expect((await read(moderator.token, '?status=sent')).body).toMatchObject({ items: [], total: 0 });
    expect((await read(moderator.token, '?pageSize=1000')).status).toBe(400);

    const otherCentre = await loginAs(url, 'moderator.astana@fairdesk.demo');
    expect(MailOutboxResponse.parse((await read(otherCentre.token)).body)).toMatchObject({ items: [], total: 0 });
    const employer = await loginAs(url, 'admin@kazlogistics.demo');
    const refused = await read(employer.token);
    expect(refused.status).toBe(403);
    expect(errorOf(refused).code).toBe('forbidden');
    expect((await read('')).status).toBe(401);
  });
});
