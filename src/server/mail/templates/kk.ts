import { vacancyLine } from './format';
import type { MailCatalogue } from './types';

const hello = (name: string | null): string => (name ? `Сәлеметсіз бе, ${name}!` : 'Сәлеметсіз бе!');
const footer = 'FairDesk — мансап орталықтарының онлайн бос жұмыс орындары жәрмеңкелері. Бұл хат сіздің компанияңыздың FairDesk-тегі жұмысына байланысты жіберілді.';

/** Kazakh mail texts. */
export const kk: MailCatalogue = {
  preApplicationApproved: (v, f) => ({
    subject: `${v.applicationNumber} алдын ала өтінім мақұлданды: ${v.fairTitle}`,
    greeting: hello(v.recipientName),
    paragraphs: [
      `Мансап орталығы ${v.companyName} компаниясының ${v.applicationNumber} алдын ала өтінімін мақұлдады. Сіздің компанияңыз «${v.fairTitle}» жәрмеңкесіне қатысады (${f.days(v.startsOn, v.endsOn)}).`,
      'Келесі қадам: FairDesk бағдарламасын ашып, стендті тіркеңіз, бос жұмыс орындарын (жалақысымен) қосыңыз және қатысу туралы ақпаратты жәрмеңкеге дейін кемінде 3 жұмыс күні қалғанда модерацияға жіберіңіз.',
    ],
    action: { label: 'Жәрмеңке беті', url: v.fairUrl },
    footer,
  }),
  preApplicationRejected: (v) => ({
    subject: `${v.applicationNumber} алдын ала өтінім қабылданбады`,
    greeting: hello(v.recipientName),
    paragraphs: [
      v.fairTitle
        ? `Мансап орталығы ${v.companyName} компаниясының «${v.fairTitle}» жәрмеңкесіне берген ${v.applicationNumber} алдын ала өтінімін қабылдамады.`
        : `Мансап орталығы ${v.companyName} компаниясының ${v.applicationNumber} алдын ала өтінімін қабылдамады.`,
      'Себепте көрсетілген кемшіліктерді түзетіп, осы немесе басқа жәрмеңкеге қайта өтінім бере аласыз.',
    ],
    quote: { label: 'Модератор көрсеткен себеп:', text: v.reason },
    action: { label: 'Алдағы жәрмеңкелер', url: v.fairsUrl },
    footer,
  }),
  participationApproved: (v, f) => ({
    subject: `Қатысу туралы ақпарат мақұлданды: ${v.fairTitle}`,
    greeting: hello(v.recipientName),
    paragraphs: [
      `Мансап орталығы ${v.companyName} компаниясының «${v.fairTitle}» жәрмеңкесіне (${f.days(v.startsOn, v.endsOn)}) қатысу туралы ақпаратын мақұлдады. Стендіңіз бен бос жұмыс орындарыңыз жәрмеңкеде жарияланды.`,
      `Стенд пен бос жұмыс орындарын ${f.day(v.changesUntil)} дейін өзгертуге болады.`,
    ],
    action: { label: 'Жәрмеңкедегі стендіңіз', url: v.fairUrl },
    footer,
  }),
  participationRejected: (v, f) => ({
    subject: `Қатысу туралы ақпарат қабылданбады: ${v.fairTitle}`,
    greeting: hello(v.recipientName),
    paragraphs: [
      `Мансап орталығы ${v.companyName} компаниясының «${v.fairTitle}» жәрмеңкесіне қатысу туралы ақпаратын қабылдамады.`,
      `Оны FairDesk-те түзетіп, ${f.day(v.submitUntil)} кешіктірмей қайта жіберіңіз.`,
    ],
    quote: { label: 'Модератор көрсеткен себеп:', text: v.reason },
    action: { label: 'Жәрмеңке беті', url: v.fairUrl },
    footer,
  }),
  responsesDigest: (v, f) => {
    const [only] = v.fairs;
    return {
      subject:
        v.fairs.length === 1 && only
          ? `${f.count(v.count)} жаңа өтініш: ${only.title}`
          : `${f.count(v.fairs.length)} жәрмеңкеде ${f.count(v.count)} жаңа өтініш`,
      greeting: hello(v.recipientName),
      paragraphs: [
        `Алдыңғы шолудан бері үміткерлер ${v.employerName} компаниясының бос жұмыс орындарына ${f.count(v.count)} жаңа өтініш жіберді. Оларды оқып, түйіндемелерді жүктеп алу үшін FairDesk-ті ашыңыз.`,
      ],
      sections: v.fairs.map((fair) => ({
        heading: `${fair.title}: ${f.count(fair.count)} өтініш`,
        items: fair.vacancies.map((x) =>
          vacancyLine(x, f, {
            video: 'бейнесұхбат қалайды',
            more: (n) => `және тағы ${f.count(n)}`,
          }),
        ),
        link: { label: 'Жәрмеңке беті', url: fair.url },
      })),
      footer,
    };
  },
  candidateSignIn: (v, f) => ({
    subject: 'Бос жұмыс орындары жәрмеңкесіне кіру сілтемесі',
    greeting: hello(null),
    paragraphs: [
      `Жәрмеңке порталына кіру үшін төмендегі сілтемені басыңыз. Сілтеме бір рет қолданылады және ${f.count(v.validMinutes)} минут жарамды.`,
      'Егер сіз кіруді сұрамаған болсаңыз, бұл хатты елемеңіз: сілтемесіз ешкім кіре алмайды.',
    ],
    action: { label: 'Кіру', url: v.signInUrl },
    footer: 'FairDesk — мансап орталықтарының онлайн бос жұмыс орындары жәрмеңкелері.',
  }),
  videoInterviewInvitation: (v, f) => ({
    subject: `Бейнесұхбатқа шақыру: ${v.companyName}`,
    greeting: hello(v.candidateName),
    paragraphs: [
      `${v.companyName} сізді «${v.fairTitle}» жәрмеңкесіндегі «${v.vacancyTitle}» бос орнына берген өтініміңіз бойынша 20 минуттық бейнесұхбатқа шақырады.`,
      `Сұхбатты ${v.interviewerName} өткізеді: ${f.day(v.day)}, ${v.from} – ${v.to} (${v.timeZone} уақыты). Порталда бос уақытты таңдаңыз немесе бас тартыңыз; қоңырауға браузерден басталуына 10 минут қалғанда қосыла аласыз.`,
    ],
    action: { label: 'Уақытты таңдау', url: v.bookUrl },
    footer: 'FairDesk — мансап орталықтарының онлайн бос жұмыс орындары жәрмеңкелері.',
  }),
};
