import type { EntityManager } from 'typeorm';
import { Candidate, Fair, type User, type VacancyResponse, type VideoInterview } from '../db/entities';
import { mailSettingsOf } from '../mail/mailRuntime';
import { enqueueMails } from '../mail/outbox';
import type { PlanSlots } from './videoSlots';

/**
 * Queues the invitation mail to the candidate, in the invitation's transaction (it exists only if
 * the invitation does; the dedupe key keeps a replay from sending it twice). `plan` must hold the
 * inviting manager's slots (the invitation requires them).
 */
export async function queueVideoInvitationMail(
  m: EntityManager,
  now: number,
  interview: VideoInterview,
  context: { response: VacancyResponse; inviter: User; plan: PlanSlots },
): Promise<void> {
  const candidate = await m.findOneByOrFail(Candidate, { id: interview.candidateId });
  const fair = await m.findOneByOrFail(Fair, { id: interview.fairId });
  const slots = context.plan.slots.filter((s) => s.managerId === interview.invitedByUserId);
  const first = slots[0];
  const last = slots.at(-1);
  if (!first || !last) return;
  const { links } = mailSettingsOf(m.connection);
  // The portal's list of the candidate's invitations (it shows this one's free times).
  const bookUrl = `${links.fairs()}video-interviews#id=${encodeURIComponent(interview.id)}`;
  await enqueueMails(m, now, [
    {
      template: 'videoInterviewInvitation',
      vars: {
        candidateName: candidate.name.trim() || null,
        companyName: context.response.companyName,
        vacancyTitle: context.response.vacancyTitle,
        fairTitle: fair.title,
        interviewerName: context.inviter.displayName,
        day: first.day,
        from: first.startLabel,
        to: last.endLabel,
        timeZone: context.plan.timeZone,
        bookUrl,
      },
      locale: candidate.locale,
      to: { address: candidate.email, name: candidate.name.trim() || null },
      centreId: context.plan.participation.centreId,
      employerId: interview.employerId,
      dedupeKey: `videoInvite:${interview.id}`,
    },
  ]);
}
