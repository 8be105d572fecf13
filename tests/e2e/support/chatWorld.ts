import crypto from 'node:crypto';
import { DateTime } from 'luxon';
import type { FairDto } from '../../../src/shared/domain/records';
import type { Mutation } from '../../../src/shared/sync/mutations';
import { loginAs, mutation, newClientId, pullAll, push, putsOf } from '../../integration/support/syncClient';

/** What the chat spec needs: a vacancy candidates can respond to today. */
export interface ChatWorld {
  fairId: string;
  participationId: string;
  vacancyId: string;
  vacancyTitle: string;
  companyName: string;
}

async function pushAll(url: string, token: string, mutations: Mutation[]): Promise<void> {
  const answer = await push(url, token, { clientId: newClientId(), mutations });
  if (answer.results.length > 0) throw new Error(`refused: ${JSON.stringify(answer.results)}`);
}

/**
 * Builds it through the product's own sync API, as the employer and the moderator would in the UI
 * (the job-fair spec does these steps through the UI): KazLogistics' admin puts a library vacancy
 * and the stand on the Retail draft and sends it; the Almaty moderator approves it and moves the
 * fair to tomorrow, which opens the response window.
 */
export async function buildChatWorld(url: string): Promise<ChatWorld> {
  const admin = await loginAs(url, 'admin@kazlogistics.demo');
  const employerView = await pullAll(url, admin.token, { clientId: newClientId(), cookie: null });
  const draft = putsOf(employerView.patch, 'participation').find((p) => p.status === 'draft');
  // The draft's own company's stand: a participation can only use a stand of its company.
  const stand = putsOf(employerView.patch, 'stand').find((s) => s.companyId === draft?.companyId);
  const library = putsOf(employerView.patch, 'vacancy').find((v) => v.participationId === null && v.active);
  if (!draft || !stand || !library) throw new Error('the demo world lacks the Retail draft, its stand or a library vacancy');
  const vacancyId = crypto.randomUUID();
  const { id: _id, employerId: _e, companyId: _c, participationId: _p, active: _a, createdAt: _ca, updatedAt: _u, version: _v, ...fields } = library;
  await pushAll(url, admin.token, [
    mutation(1, 'saveVacancy', { id: vacancyId, companyId: draft.companyId, participationId: draft.id, fields, active: true, baseVersion: null }),
    mutation(2, 'updateParticipation', { id: draft.id, standId: stand.id, interviewPlan: [], baseVersion: draft.version }),
    mutation(3, 'sendParticipation', { id: draft.id }),
  ]);

  const moderator = await loginAs(url, 'moderator@fairdesk.demo');
  const centreView = await pullAll(url, moderator.token, { clientId: newClientId(), cookie: null });
  const fair = putsOf(centreView.patch, 'fair').find((f) => f.id === draft.fairId) as FairDto | undefined;
  const centre = putsOf(centreView.patch, 'centre').find((c) => c.id === fair?.centreId);
  if (!fair || !centre) throw new Error('the moderator does not see the Retail fair');
  const tomorrow = DateTime.now().setZone(centre.timeZone).plus({ days: 1 }).toISODate() ?? '';
  await pushAll(url, moderator.token, [
    mutation(1, 'decideParticipation', { id: draft.id, decision: 'approve', reason: null, expectedStatus: 'sent' }),
    mutation(2, 'updateFair', { id: fair.id, fields: { startsOn: tomorrow, endsOn: tomorrow }, baseVersion: fair.version }),
  ]);
  return { fairId: fair.id, participationId: draft.id, vacancyId, vacancyTitle: fields.title, companyName: draft.companyName };
}
