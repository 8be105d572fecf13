import type { EntityManager } from 'typeorm';
import { lastDayForSubmission } from '../../shared/domain/participation/participationRules';
import { lastDayForChanges } from '../../shared/domain/deadlines';
import type { Locale } from '../../shared/domain/roles';
import { CareerCentre, Fair, type Participation, PreApplication, User } from '../db/entities';
import { mailSettingsOf } from './mailRuntime';
import { enqueueMails, type MailRequest } from './outbox';

/**
 * Queues the mail telling an employer how the centre decided its pre-application: to each active
 * admin of the employer and to the application's contact e-mail (one mail per address), each in
 * the recipient's locale — the contact's own account's when the address has one, otherwise the
 * employer admins'. Runs inside the decision's transaction.
 */
export async function queuePreApplicationDecisionMails(manager: EntityManager, now: number, app: PreApplication): Promise<void> {
  if (app.status !== 'approved' && app.status !== 'rejected') return;
  const { links } = mailSettingsOf(manager.connection);
  const recipients = await employerRecipients(manager, app);
  const fair = app.fairId ? await manager.findOneBy(Fair, { id: app.fairId }) : null;
  const requests: MailRequest[] = [];
  for (const [key, to] of recipients) {
    const common = {
      locale: to.locale,
      to: { address: to.address, name: to.name },
      centreId: app.centreId,
      employerId: app.employerId,
      dedupeKey: `decision:${app.id}:${app.status}:${key}`,
    };
    if (app.status === 'approved' && fair) {
      requests.push({
        ...common,
        template: 'preApplicationApproved',
        vars: {
          recipientName: to.name,
          companyName: app.companyName,
          applicationNumber: app.number,
          fairTitle: fair.title,
          startsOn: fair.startsOn,
          endsOn: fair.endsOn,
          fairUrl: links.fair(fair.id),
        },
      });
    } else if (app.status === 'rejected') {
      requests.push({
        ...common,
        template: 'preApplicationRejected',
        vars: {
          recipientName: to.name,
          companyName: app.companyName,
          applicationNumber: app.number,
          fairTitle: fair?.title ?? null,
          reason: app.rejectionReason ?? '',
          fairsUrl: fair ? links.fair(fair.id) : links.fairs(),
        },
      });
    }
  }
  await enqueueMails(manager, now, requests);
}

/**
 * Who hears about a decision on the employer's side: each active admin of the employer and the
 * application's contact e-mail (one mail per address), each in the recipient's locale — the
 * contact's own account's when the address has one, otherwise the employer admins'.
 */
async function employerRecipients(
  manager: EntityManager,
  app: Pick<PreApplication, 'employerId' | 'contactEmail' | 'contactName'>,
): Promise<Map<string, { address: string; name: string | null; locale: Locale }>> {
  const admins = await manager.find(User, {
    where: { employerId: app.employerId, role: 'employer_admin', active: true },
    order: { createdAt: 'ASC', id: 'ASC' },
  });
  const contactAccount = await manager.findOneBy(User, { email: app.contactEmail.trim().toLowerCase() });
  const fallbackLocale: Locale = admins[0]?.locale ?? 'ru';
  const recipients = new Map<string, { address: string; name: string | null; locale: Locale }>();
  for (const admin of admins) recipients.set(admin.email.toLowerCase(), { address: admin.email, name: admin.displayName, locale: admin.locale });
  const contactKey = app.contactEmail.trim().toLowerCase();
  if (contactKey && !recipients.has(contactKey)) {
    recipients.set(contactKey, {
      address: app.contactEmail.trim(),
      name: app.contactName || null,
      locale: contactAccount?.active ? contactAccount.locale : fallbackLocale,
    });
  }

  return recipients;
}

/**
 * Queues the mail telling an employer how the centre decided its participation info (approved:
 * published, changes allowed until …; rejected: the reason and the last day to send it again), to
 * the same people as the pre-application's decision. One per decision: a participation may be
 * rejected, re-opened and decided again, so the key carries the decision's time. Runs inside the
 * decision's transaction.
 */
export async function queueParticipationDecisionMails(manager: EntityManager, now: number, info: Participation): Promise<void> {
  if ((info.status !== 'approved' && info.status !== 'rejected') || info.decidedAt === null) return;
  const { links } = mailSettingsOf(manager.connection);
  const app = await manager.findOneByOrFail(PreApplication, { id: info.preApplicationId });
  const fair = await manager.findOneByOrFail(Fair, { id: info.fairId });
  const centre = await manager.findOneByOrFail(CareerCentre, { id: info.centreId });
  const requests: MailRequest[] = [];
  for (const [key, to] of await employerRecipients(manager, app)) {
    const common = {
      locale: to.locale,
      to: { address: to.address, name: to.name },
      centreId: info.centreId,
      employerId: info.employerId,
      dedupeKey: `participation:${info.id}:${info.status}:${info.decidedAt}:${key}`,
    };
    if (info.status === 'approved') {
      requests.push({
        ...common,
        template: 'participationApproved',
        vars: {
          recipientName: to.name,
          companyName: info.companyName,
          fairTitle: fair.title,
          startsOn: fair.startsOn,
          endsOn: fair.endsOn,
          changesUntil: lastDayForChanges(fair.startsOn),
          fairUrl: links.fair(fair.id),
        },
      });
    } else {
      requests.push({
        ...common,
        template: 'participationRejected',
        vars: {
          recipientName: to.name,
          companyName: info.companyName,
          fairTitle: fair.title,
          reason: info.rejectionReason ?? '',
          submitUntil: lastDayForSubmission(fair, centre),
          fairUrl: links.fair(fair.id),
        },
      });
    }
  }
  await enqueueMails(manager, now, requests);
}
