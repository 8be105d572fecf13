import { describe, expect, it } from 'vitest';
import { Locale } from '../../../shared/domain/roles';
import { MailTemplateName } from '../../../shared/api/mailOutbox';
import { mailCatalogues, renderMail, type MailTemplateVars } from './index';

const HOSTILE = `<script>alert("x")</script> & 'quotes'`;

/** Variables whose every string is a recognisable marker, so a locale that drops one is caught. */
const samples: { [N in keyof MailTemplateVars]: MailTemplateVars[N] } = {
  preApplicationApproved: {
    recipientName: 'RECIPIENT-1', companyName: 'COMPANY-1', applicationNumber: '20261002-7', fairTitle: 'FAIR-1',
    startsOn: '2026-12-14', endsOn: '2026-12-15', fairUrl: 'https://fairs.example.kz/fairs/abc',
  },
  preApplicationRejected: {
    recipientName: 'RECIPIENT-2', companyName: 'COMPANY-2', applicationNumber: '20261002-8', fairTitle: 'FAIR-2',
    reason: 'REASON-2', fairsUrl: 'https://fairs.example.kz/',
  },
  participationApproved: {
    recipientName: 'RECIPIENT-3', companyName: 'COMPANY-3', fairTitle: 'FAIR-3', startsOn: '2026-12-14', endsOn: '2026-12-14',
    changesUntil: '2026-12-13', fairUrl: 'https://fairs.example.kz/fairs/def',
  },
  participationRejected: {
    recipientName: 'RECIPIENT-4', companyName: 'COMPANY-4', fairTitle: 'FAIR-4', reason: 'REASON-4',
    submitUntil: '2026-12-09', fairUrl: 'https://fairs.example.kz/fairs/ghi',
  },
  responsesDigest: {
    recipientName: 'RECIPIENT-5', employerName: 'EMPLOYER-5', count: 17,
    fairs: [
      {
        title: 'FAIR-5', url: 'https://fairs.example.kz/fairs/jkl', count: 13,
        vacancies: [
          { title: 'VACANCY-A', count: 12, candidates: [{ name: 'CANDIDATE-A1', wantsVideoInterview: true }, { name: 'CANDIDATE-A2', wantsVideoInterview: false }] },
          { title: 'VACANCY-B', count: 1, candidates: [{ name: 'CANDIDATE-B1', wantsVideoInterview: false }] },
        ],
      },
      { title: 'FAIR-6', url: 'https://fairs.example.kz/fairs/mno', count: 4, vacancies: [{ title: 'VACANCY-C', count: 4, candidates: [{ name: 'CANDIDATE-C1', wantsVideoInterview: false }] }] },
    ],
  },
  candidateSignIn: { signInUrl: 'https://fairs.example.kz/sign-in#token=TOKEN-6', validMinutes: 30 },
  videoInterviewInvitation: {
    candidateName: 'CANDIDATE-7', companyName: 'COMPANY-7', vacancyTitle: 'VACANCY-7', fairTitle: 'FAIR-7', interviewerName: 'INTERVIEWER-7',
    day: '2026-12-16', from: '10:00', to: '11:40', timeZone: 'Asia/Almaty', bookUrl: 'https://fairs.example.kz/video-interviews#id=ID-7',
  },
};

/** The strings each template must show, in any locale. */
function expectedValues(name: keyof MailTemplateVars): string[] {
  const values: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') values.push(v);
    else if (typeof v === 'number') values.push(String(v));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(samples[name]);
  // Dates are formatted per locale; checked separately.
  return values.filter((v) => !/^\d{4}-\d{2}-\d{2}$/.test(v));
}

describe('mail templates', () => {
  it('exist for every template name in every locale (the shared list and the catalogues agree)', () => {
    for (const locale of Locale.options) {
      expect(Object.keys(mailCatalogues[locale]).sort(), locale).toEqual([...MailTemplateName.options].sort());
    }
  });

  it.each(Locale.options)('in %s use every variable, in text and HTML, with the link as given', (locale) => {
    for (const name of MailTemplateName.options) {
      const mail = renderMail(name, locale, samples[name] as never);
      for (const value of expectedValues(name)) {
        expect(`${mail.subject}\n${mail.text}`, `${locale}/${name}: ${value}`).toContain(value);
        expect(mail.html, `${locale}/${name}: ${value}`).toContain(value.replace(/&/g, '&amp;'));
      }
      expect(mail.html).toContain(`<html lang="${locale}">`);
    }
  });

  it('write dates in the reader’s language', () => {
    const vars = samples.preApplicationApproved;
    expect(renderMail('preApplicationApproved', 'en', vars).text).toContain('14 December 2026 – 15 December 2026');
    expect(renderMail('preApplicationApproved', 'ru', vars).text).toContain('14 декабря 2026');
    expect(renderMail('preApplicationApproved', 'kk', vars).text).toMatch(/14 желтоқсан\S* 2026/);
  });

  it('speak each language (no English left in the Russian and Kazakh texts)', () => {
    const ru = renderMail('preApplicationRejected', 'ru', samples.preApplicationRejected);
    const kk = renderMail('preApplicationRejected', 'kk', samples.preApplicationRejected);
    expect(ru.subject).toBe('Предварительная заявка 20261002-8 отклонена');
    expect(kk.text).toContain('Модератор көрсеткен себеп:');
    const oneFair = { ...samples.responsesDigest, fairs: samples.responsesDigest.fairs.slice(0, 1) };
    expect(renderMail('responsesDigest', 'ru', { ...oneFair, count: 3 }).subject).toBe('3 новых отклика: FAIR-5');
    expect(renderMail('responsesDigest', 'ru', { ...oneFair, count: 1 }).subject).toBe('1 новый отклик: FAIR-5');
    expect(renderMail('responsesDigest', 'ru', samples.responsesDigest).subject).toBe('17 новых откликов на 2 ярмарках');
    expect(renderMail('responsesDigest', 'en', samples.responsesDigest).subject).toBe('17 new responses at 2 fairs');
    expect(renderMail('responsesDigest', 'kk', samples.responsesDigest).subject).toBe('2 жәрмеңкеде 17 жаңа өтініш');
  });

  it.each(Locale.options)('in %s HTML-escape every interpolated value; the text body keeps it as typed', (locale) => {
    const vars: MailTemplateVars['preApplicationRejected'] = {
      recipientName: HOSTILE, companyName: HOSTILE, applicationNumber: HOSTILE, fairTitle: HOSTILE, reason: `${HOSTILE}\nsecond line`,
      fairsUrl: 'https://fairs.example.kz/?a=1&b="2"',
    };
    const mail = renderMail('preApplicationRejected', locale, vars);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain(`'quotes'`);
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;');
    expect(mail.html).toContain('href="https://fairs.example.kz/?a=1&amp;b=%222%22"');
    expect(mail.text).toContain(`> ${HOSTILE}\n> second line`);
    // Only the renderer's own tags remain.
    const tags = new Set([...mail.html.matchAll(/<\/?([a-z]+)/gi)].map((m) => (m[1] ?? '').toLowerCase()));
    expect([...tags].sort()).toEqual(['a', 'blockquote', 'body', 'br', 'head', 'hr', 'html', 'meta', 'p', 'title']);
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it('list a digest by fair and vacancy with the candidates’ names, the video-interview wish and how many more there are', () => {
    const en = renderMail('responsesDigest', 'en', samples.responsesDigest).text;
    expect(en).toContain('FAIR-5: 13 responses\n- VACANCY-A — 12: CANDIDATE-A1 (wants a video interview), CANDIDATE-A2, and 10 more\n- VACANCY-B — 1: CANDIDATE-B1\nThe fair’s page: https://fairs.example.kz/fairs/jkl');
    expect(en).toContain('FAIR-6: 4 responses\n- VACANCY-C — 4: CANDIDATE-C1, and 3 more');
    expect(renderMail('responsesDigest', 'ru', samples.responsesDigest).text).toContain('VACANCY-A — 12: CANDIDATE-A1 (хочет видеособеседование), CANDIDATE-A2, и ещё 10');
    expect(renderMail('responsesDigest', 'kk', samples.responsesDigest).text).toContain('CANDIDATE-A1 (бейнесұхбат қалайды)');
  });

  it('refuses links that are not http(s)', () => {
    expect(() =>
      renderMail('candidateSignIn', 'en', { signInUrl: 'javascript:alert(1)', validMinutes: 30 }),
    ).toThrow(/javascript/);
  });
});
