import type { MailTemplateName } from '../../../shared/api/mailOutbox';
import type { MailDocument } from '../document';

/** Every template's variables. Dates are `YYYY-MM-DD` calendar days of the centre; links absolute. */
export interface MailTemplateVars {
  preApplicationApproved: {
    recipientName: string | null;
    companyName: string;
    applicationNumber: string;
    fairTitle: string;
    startsOn: string;
    endsOn: string;
    fairUrl: string;
  };
  preApplicationRejected: {
    recipientName: string | null;
    companyName: string;
    applicationNumber: string;
    /** Way 2 names a fair; way 1 applications name only a region. */
    fairTitle: string | null;
    reason: string;
    fairsUrl: string;
  };
  participationApproved: {
    recipientName: string | null;
    companyName: string;
    fairTitle: string;
    startsOn: string;
    endsOn: string;
    /** Last day stand and vacancies may still change. */
    changesUntil: string;
    fairUrl: string;
  };
  participationRejected: {
    recipientName: string | null;
    companyName: string;
    fairTitle: string;
    reason: string;
    /** Last day a corrected participation info is accepted. */
    submitUntil: string;
    fairUrl: string;
  };
  /** One mail per employer user and digest run: every response new since the previous digest. */
  responsesDigest: {
    recipientName: string | null;
    employerName: string;
    /** Responses new since the previous digest, over all fairs. */
    count: number;
    fairs: DigestFair[];
  };
  candidateSignIn: {
    signInUrl: string;
    validMinutes: number;
  };
  /** To a candidate invited to a video interview: whose, when (the interviewer's times), and where to choose one. */
  videoInterviewInvitation: {
    candidateName: string | null;
    companyName: string;
    vacancyTitle: string;
    fairTitle: string;
    interviewerName: string;
    /** The interview day and the span of the interviewer's times on it, `HH:mm` in `timeZone`. */
    day: string;
    from: string;
    to: string;
    timeZone: string;
    /** Where the candidate books a time or declines (the portal). */
    bookUrl: string;
  };
}

/** One fair's new responses in a digest, by vacancy. */
export interface DigestFair {
  title: string;
  url: string;
  count: number;
  vacancies: DigestVacancy[];
}

export interface DigestVacancy {
  title: string;
  /** All new responses to the vacancy; `candidates` may list fewer (the first ones), the text says how many more. */
  count: number;
  candidates: Array<{ name: string; wantsVideoInterview: boolean }>;
}

// A compile-time check that the shared list of template names and the variables agree.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const templateNamesAgree: Exact<MailTemplateName, keyof MailTemplateVars> = true;

/** Locale-aware helpers handed to every template. */
export interface MailFormat {
  /** `14 December 2026`, or a range `14–15 December 2026` style per locale. */
  days(from: string, to: string): string;
  day(isoDate: string): string;
  count(n: number): string;
}

/** One locale's templates: TypeScript refuses a locale that lacks one. */
export type MailCatalogue = {
  [N in keyof MailTemplateVars]: (vars: MailTemplateVars[N], f: MailFormat) => MailDocument;
};
