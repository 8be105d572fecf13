import { vacancyLine } from './format';
import type { MailCatalogue } from './types';

const hello = (name: string | null): string => (name ? `Hello, ${name}!` : 'Hello!');
const footer = 'FairDesk — online job fairs of the career centres. You receive this e-mail because of your company’s activity in FairDesk.';

/** English mail texts. */
export const en: MailCatalogue = {
  preApplicationApproved: (v, f) => ({
    subject: `Pre-application ${v.applicationNumber} approved: ${v.fairTitle}`,
    greeting: hello(v.recipientName),
    paragraphs: [
      `The career centre has approved the pre-application ${v.applicationNumber} of ${v.companyName}. Your company takes part in the fair “${v.fairTitle}” (${f.days(v.startsOn, v.endsOn)}).`,
      'Next step: open FairDesk, attach a stand, add your vacancies (with salary) and send the participation info to moderation no later than 3 working days before the fair.',
    ],
    action: { label: 'The fair’s page', url: v.fairUrl },
    footer,
  }),
  preApplicationRejected: (v) => ({
    subject: `Pre-application ${v.applicationNumber} rejected`,
    greeting: hello(v.recipientName),
    paragraphs: [
      v.fairTitle
        ? `The career centre has rejected the pre-application ${v.applicationNumber} of ${v.companyName} for the fair “${v.fairTitle}”.`
        : `The career centre has rejected the pre-application ${v.applicationNumber} of ${v.companyName}.`,
      'You may correct what the reason names and apply again, to this or another fair.',
    ],
    quote: { label: 'Reason given by the moderator:', text: v.reason },
    action: { label: 'Upcoming fairs', url: v.fairsUrl },
    footer,
  }),
  participationApproved: (v, f) => ({
    subject: `Participation info approved: ${v.fairTitle}`,
    greeting: hello(v.recipientName),
    paragraphs: [
      `The career centre has approved the participation info of ${v.companyName} for the fair “${v.fairTitle}” (${f.days(v.startsOn, v.endsOn)}). Your stand and vacancies are now published on the fair.`,
      `You can still change the stand and vacancies until ${f.day(v.changesUntil)}.`,
    ],
    action: { label: 'See your stand on the fair', url: v.fairUrl },
    footer,
  }),
  participationRejected: (v, f) => ({
    subject: `Participation info rejected: ${v.fairTitle}`,
    greeting: hello(v.recipientName),
    paragraphs: [
      `The career centre has rejected the participation info of ${v.companyName} for the fair “${v.fairTitle}”.`,
      `Correct it in FairDesk and send it again no later than ${f.day(v.submitUntil)}.`,
    ],
    quote: { label: 'Reason given by the moderator:', text: v.reason },
    action: { label: 'The fair’s page', url: v.fairUrl },
    footer,
  }),
  responsesDigest: (v, f) => {
    const noun = (n: number): string => (n === 1 ? 'response' : 'responses');
    const [only] = v.fairs;
    return {
      subject: v.fairs.length === 1 && only ? `${f.count(v.count)} new ${noun(v.count)}: ${only.title}` : `${f.count(v.count)} new ${noun(v.count)} at ${f.count(v.fairs.length)} fairs`,
      greeting: hello(v.recipientName),
      paragraphs: [
        `Candidates sent ${f.count(v.count)} new ${noun(v.count)} to the vacancies of ${v.employerName} since the previous summary. Open FairDesk to read them and download the resumes.`,
      ],
      sections: v.fairs.map((fair) => ({
        heading: `${fair.title}: ${f.count(fair.count)} ${noun(fair.count)}`,
        items: fair.vacancies.map((x) =>
          vacancyLine(x, f, {
            video: 'wants a video interview',
            more: (n) => `and ${f.count(n)} more`,
          }),
        ),
        link: { label: 'The fair’s page', url: fair.url },
      })),
      footer,
    };
  },
  candidateSignIn: (v, f) => ({
    subject: 'Your sign-in link for the job fair',
    greeting: hello(null),
    paragraphs: [
      `Use the link below to sign in to the job fair portal. It works once and for ${f.count(v.validMinutes)} minutes.`,
      'If you did not ask for it, ignore this e-mail: nobody can sign in without the link.',
    ],
    action: { label: 'Sign in', url: v.signInUrl },
    footer: 'FairDesk — online job fairs of the career centres.',
  }),
  videoInterviewInvitation: (v, f) => ({
    subject: `Video interview invitation: ${v.companyName}`,
    greeting: v.candidateName ? `Hello, ${v.candidateName}!` : 'Hello!',
    paragraphs: [
      `${v.companyName} invites you to a 20-minute video interview about your response to “${v.vacancyTitle}” at the fair “${v.fairTitle}”.`,
      `Your interviewer, ${v.interviewerName}, holds interviews on ${f.day(v.day)} from ${v.from} to ${v.to} (${v.timeZone} time). Choose a free time, or decline, on the portal; you join the call from your browser 10 minutes before the start.`,
    ],
    action: { label: 'Choose a time', url: v.bookUrl },
    footer: 'FairDesk — online job fairs of the career centres.',
  }),
};
