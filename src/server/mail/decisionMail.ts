import type { EntityManager } from 'typeorm';
import type { Locale } from '../../shared/domain/roles';
import { Fair, type PreApplication, User } from '../db/entities';
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
