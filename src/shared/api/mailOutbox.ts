import { z } from 'zod';
import { EpochMs } from '../domain/records';
import { Locale } from '../domain/roles';

/**
 * The e-mail outbox as career-centre staff see it (`GET /api/mail-outbox`): every mail the server
 * queued for their centre, newest first. With no SMTP server configured, mails stay here with
 * status `held` — the local outbox the administrators read instead of a mailbox.
 */

/** `queued` waits for (another) attempt, `sent` was accepted by the SMTP server, `failed` gave up, `held` has no SMTP to go to. */
export const MailStatus = z.enum(['queued', 'sent', 'failed', 'held']);
export type MailStatus = z.infer<typeof MailStatus>;

/** The server's e-mail templates (each exists in Russian, Kazakh and English). */
export const MailTemplateName = z.enum([
  'preApplicationApproved',
  'preApplicationRejected',
  'participationApproved',
  'participationRejected',
  'responsesDigest',
  'candidateSignIn',
  'videoInterviewInvitation',
]);
export type MailTemplateName = z.infer<typeof MailTemplateName>;

/** Query string of `GET /api/mail-outbox`; page numbers start at 1. */
export const MailOutboxQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
  status: MailStatus.optional(),
});
export type MailOutboxQuery = z.infer<typeof MailOutboxQuery>;

export const MailOutboxItemDto = z.object({
  id: z.string().uuid(),
  template: MailTemplateName,
  locale: Locale,
  toAddress: z.string(),
  toName: z.string().nullable(),
  subject: z.string(),
  textBody: z.string(),
  status: MailStatus,
  attempts: z.number().int().nonnegative(),
  /** When the next attempt is due (meaningful while `queued`). */
  nextAttemptAt: EpochMs,
  /** The last delivery error, for staff to diagnose (never a password). */
  lastError: z.string().nullable(),
  employerId: z.string().uuid().nullable(),
  createdAt: EpochMs,
  sentAt: EpochMs.nullable(),
});
export type MailOutboxItemDto = z.infer<typeof MailOutboxItemDto>;

export const MailOutboxResponse = z.object({
  items: z.array(MailOutboxItemDto),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
  /** Mails matching the query in all pages. */
  total: z.number().int().nonnegative(),
});
export type MailOutboxResponse = z.infer<typeof MailOutboxResponse>;

export const mailOutboxRoute = { method: 'GET', path: '/api/mail-outbox' } as const;
