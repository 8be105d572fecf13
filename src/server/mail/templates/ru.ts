import { vacancyLine } from './format';
import type { MailCatalogue } from './types';

const hello = (name: string | null): string => (name ? `Здравствуйте, ${name}!` : 'Здравствуйте!');
const footer = 'FairDesk — онлайн-ярмарки вакансий центров карьеры. Вы получили это письмо в связи с работой вашей компании в FairDesk.';

/** «1 отклик», «2 отклика», «5 откликов». */
function responses(n: number): string {
  const form = new Intl.PluralRules('ru').select(n);
  return form === 'one' ? 'отклик' : form === 'few' ? 'отклика' : 'откликов';
}

/** Russian mail texts. */
export const ru: MailCatalogue = {
  preApplicationApproved: (v, f) => ({
    subject: `Предварительная заявка ${v.applicationNumber} одобрена: ${v.fairTitle}`,
    greeting: hello(v.recipientName),
    paragraphs: [
      `Центр карьеры одобрил предварительную заявку ${v.applicationNumber} компании ${v.companyName}. Ваша компания участвует в ярмарке «${v.fairTitle}» (${f.days(v.startsOn, v.endsOn)}).`,
      'Следующий шаг: откройте FairDesk, прикрепите стенд, добавьте вакансии (с указанием зарплаты) и отправьте информацию для участия на модерацию не позднее чем за 3 рабочих дня до ярмарки.',
    ],
    action: { label: 'Страница ярмарки', url: v.fairUrl },
    footer,
  }),
  preApplicationRejected: (v) => ({
    subject: `Предварительная заявка ${v.applicationNumber} отклонена`,
    greeting: hello(v.recipientName),
    paragraphs: [
      v.fairTitle
        ? `Центр карьеры отклонил предварительную заявку ${v.applicationNumber} компании ${v.companyName} на ярмарку «${v.fairTitle}».`
        : `Центр карьеры отклонил предварительную заявку ${v.applicationNumber} компании ${v.companyName}.`,
      'Вы можете исправить то, что указано в причине, и подать заявку снова — на эту или другую ярмарку.',
    ],
    quote: { label: 'Причина, указанная модератором:', text: v.reason },
    action: { label: 'Ближайшие ярмарки', url: v.fairsUrl },
    footer,
  }),
  participationApproved: (v, f) => ({
    subject: `Информация для участия одобрена: ${v.fairTitle}`,
    greeting: hello(v.recipientName),
    paragraphs: [
      `Центр карьеры одобрил информацию для участия компании ${v.companyName} в ярмарке «${v.fairTitle}» (${f.days(v.startsOn, v.endsOn)}). Ваш стенд и вакансии опубликованы на ярмарке.`,
      `Стенд и вакансии можно изменять до ${f.day(v.changesUntil)}.`,
    ],
    action: { label: 'Ваш стенд на ярмарке', url: v.fairUrl },
    footer,
  }),
  participationRejected: (v, f) => ({
    subject: `Информация для участия отклонена: ${v.fairTitle}`,
    greeting: hello(v.recipientName),
    paragraphs: [
      `Центр карьеры отклонил информацию для участия компании ${v.companyName} в ярмарке «${v.fairTitle}».`,
      `Исправьте её в FairDesk и отправьте снова не позднее ${f.day(v.submitUntil)}.`,
    ],
    quote: { label: 'Причина, указанная модератором:', text: v.reason },
    action: { label: 'Страница ярмарки', url: v.fairUrl },
    footer,
  }),
  responsesDigest: (v, f) => {
    const fresh = (n: number): string => (n === 1 ? 'новый' : 'новых');
    const [only] = v.fairs;
    return {
      subject:
        v.fairs.length === 1 && only
          ? `${f.count(v.count)} ${fresh(v.count)} ${responses(v.count)}: ${only.title}`
          : `${f.count(v.count)} ${fresh(v.count)} ${responses(v.count)} на ${f.count(v.fairs.length)} ярмарках`,
      greeting: hello(v.recipientName),
      paragraphs: [
        `С прошлой сводки кандидаты оставили ${f.count(v.count)} ${fresh(v.count)} ${responses(v.count)} на вакансии компании ${v.employerName}. Откройте FairDesk, чтобы прочитать их и скачать резюме.`,
      ],
      sections: v.fairs.map((fair) => ({
        heading: `${fair.title}: ${f.count(fair.count)} ${responses(fair.count)}`,
        items: fair.vacancies.map((x) =>
          vacancyLine(x, f, {
            video: 'хочет видеособеседование',
            more: (n) => `и ещё ${f.count(n)}`,
          }),
        ),
        link: { label: 'Страница ярмарки', url: fair.url },
      })),
      footer,
    };
  },
  candidateSignIn: (v, f) => ({
    subject: 'Ссылка для входа на ярмарку вакансий',
    greeting: hello(null),
    paragraphs: [
      `Перейдите по ссылке ниже, чтобы войти на портал ярмарки вакансий. Ссылка одноразовая и действует ${f.count(v.validMinutes)} мин.`,
      'Если вы не запрашивали вход, просто проигнорируйте это письмо: без ссылки никто не сможет войти.',
    ],
    action: { label: 'Войти', url: v.signInUrl },
    footer: 'FairDesk — онлайн-ярмарки вакансий центров карьеры.',
  }),
  videoInterviewInvitation: (v, f) => ({
    subject: `Приглашение на видеособеседование: ${v.companyName}`,
    greeting: hello(v.candidateName),
    paragraphs: [
      `${v.companyName} приглашает вас на 20-минутное видеособеседование по вашему отклику на вакансию «${v.vacancyTitle}» на ярмарке «${v.fairTitle}».`,
      `Собеседование проводит ${v.interviewerName}: ${f.day(v.day)} с ${v.from} до ${v.to} (время ${v.timeZone}). Выберите свободное время или откажитесь на портале; подключиться к звонку из браузера можно за 10 минут до начала.`,
    ],
    action: { label: 'Выбрать время', url: v.bookUrl },
    footer: 'FairDesk — онлайн-ярмарки вакансий центров карьеры.',
  }),
};
