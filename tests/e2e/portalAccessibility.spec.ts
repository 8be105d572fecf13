import AxeBuilder from '@axe-core/playwright';
import { DateTime } from 'luxon';
import { expect, test, type Page } from '@playwright/test';
import type { FairDto } from '../../src/shared/domain/records';
import type { ParticipationDto } from '../../src/shared/domain/participation/records';
import { CANDIDATE_COOKIE } from '../../src/shared/api/portal';
import { signInCandidate } from '../integration/support/candidatePortal';
import { TestChatClient, candidateIdentity, userIdentity } from '../integration/support/chatClient';
import { startServer, type RunningServer } from '../integration/support/serverProcess';
import { startSmtpSink, type SmtpSink } from '../integration/support/smtpSink';
import { loginAs, newClientId, pullAll, push, putsOf } from '../integration/support/syncClient';

/**
 * The candidate portal against WCAG 2.1 A/AA as axe-core checks it (labels, names, landmarks,
 * contrast, …), on a phone and on a desktop screen, with a published stand and open vacancies on
 * the page; and the main path by keyboard alone. Any violation fails with axe's own description.
 */
let server: RunningServer;
let sink: SmtpSink;
let fairId: string;
/** A signed-in candidate's session (cookie value) with a response and a conversation with Steppe Foods. */
let candidateSession: string;
let conversationId: string;

test.beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startServer({ seed: true, env: { FAIRDESK_SMTP_URL: sink.url } });
  // Publish Steppe Foods' stand (its participation info waits for the Almaty moderator) and move the
  // Almaty fair to tomorrow, so the page shows employers, a stand and vacancies open for responses.
  const moderator = await loginAs(server.url, 'moderator@fairdesk.demo');
  const clientId = newClientId();
  const scope = await pullAll(server.url, moderator.token, { clientId, cookie: null });
  const sent = putsOf(scope.patch, 'participation').find((p: ParticipationDto) => p.status === 'sent');
  const fair = putsOf(scope.patch, 'fair').find((f: FairDto) => f.id === sent?.fairId);
  if (!sent || !fair) throw new Error('the demo world has no participation info waiting for the Almaty moderator');
  fairId = fair.id;
  const tomorrow = DateTime.now().setZone('Asia/Almaty').plus({ days: 1 }).toISODate() ?? '';
  const result = await push(server.url, moderator.token, {
    clientId,
    mutations: [
      { id: 1, name: 'decideParticipation', args: { id: sent.id, decision: 'approve', reason: null, expectedStatus: 'sent' }, createdAt: Date.now() },
      { id: 2, name: 'updateFair', args: { id: fair.id, fields: { startsOn: tomorrow, endsOn: tomorrow }, baseVersion: fair.version }, createdAt: Date.now() },
    ],
  });
  expect(result.results).toEqual([]);

  // A candidate responds and chats with the employer: both sides write, links and markup included.
  const vacancy = putsOf(scope.patch, 'vacancy').find((v) => v.participationId === sent.id);
  if (!vacancy) throw new Error('the participation info has no vacancy');
  const candidate = await signInCandidate(server.url, sink, 'aigul.a11y@example.kz', 'Aigul Serikova');
  await candidate.respond(vacancy.id);
  candidateSession = candidate.cookie.slice(`${CANDIDATE_COOKIE}=`.length);
  const candidateChat = await TestChatClient.connect(server.url, candidateIdentity(candidate.cookie));
  const employerChat = await TestChatClient.connect(server.url, userIdentity((await loginAs(server.url, 'admin@steppefoods.demo')).token));
  try {
    conversationId = (await candidateChat.open(fair.id, sent.employerId)).id;
    await candidateChat.send(conversationId, 'Hello! Is the <b>baker</b> job still open?');
    await employerChat.catchUp();
    await employerChat.claim(conversationId);
    await employerChat.send(conversationId, 'Yes — details on https://steppefoods.example/jobs. Could you come on Monday?');
    await candidateChat.send(conversationId, 'Monday suits me.');
  } finally {
    candidateChat.close();
    employerChat.close();
  }
});

test.afterAll(async () => {
  await server?.stop();
  await sink?.stop();
});

async function expectNoViolations(page: Page, where: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const described = violations.map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(described, `${where}: axe found WCAG violations`).toEqual([]);
}

for (const viewport of [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 900 },
]) {
  test(`the portal passes axe's WCAG 2.1 AA checks on a ${viewport.name}`, async ({ browser }) => {
    const context = await browser.newContext({ viewport, locale: 'ru-RU' });
    const page = await context.newPage();
    try {
      await page.goto(server.url);
      await expect(page.getByTestId('portal-fair').first()).toBeVisible();
      await expectNoViolations(page, 'fair list');

      await page.goto(`${server.url}/fairs/${fairId}`);
      await expect(page.getByTestId('fair-title')).toBeVisible();
      await expect(page.getByTestId('fair-no-employers')).toHaveCount(0);
      await expectNoViolations(page, 'fair page');
      // The stand as candidates open it (StandShowcase, shared with the desktop preview).
      await page.getByTestId('employer-stand-toggle').first().click();
      await expect(page.getByTestId('stand-showcase')).toBeVisible();
      await expectNoViolations(page, 'stand');

      await page.goto(`${server.url}/sign-in`);
      await expect(page.locator('input[type="email"]')).toBeVisible();
      await expectNoViolations(page, 'sign-in page');

      // Signed in: the responses, the chats and a conversation with both sides' messages.
      await context.addCookies([{ name: CANDIDATE_COOKIE, value: candidateSession, url: server.url, httpOnly: true, sameSite: 'Lax' }]);
      await page.goto(`${server.url}/my/responses`);
      await expect(page.getByTestId('mine-chat').first()).toBeVisible();
      await expectNoViolations(page, 'my responses');
      await page.goto(`${server.url}/my/chats`);
      await expect(page.getByTestId('chat-conversation')).toHaveCount(1);
      await expectNoViolations(page, 'my chats');
      await page.goto(`${server.url}/my/chats/${conversationId}`);
      await expect(page.getByTestId('chat-message').filter({ hasText: 'Monday suits me.' })).toHaveAttribute('data-delivery', 'sent');
      await expect(page.getByTestId('chat-message').filter({ hasText: '<b>baker</b>' })).toHaveCount(1);
      await expect(page.getByRole('link', { name: 'https://steppefoods.example/jobs' })).toHaveAttribute('rel', /noopener/);
      await expectNoViolations(page, 'conversation');
    } finally {
      await context.close();
    }
  });
}

test('a candidate reaches a fair and the sign-in form with the keyboard alone', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  try {
    await page.goto(server.url);
    const open = page.getByTestId('portal-fair-open').first();
    await expect(open).toBeVisible();
    // Tab until the first fair's link has the focus, then follow it with Enter.
    for (let i = 0; i < 30 && !(await open.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(open).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('fair-title')).toBeVisible();
    const signIn = page.getByTestId('nav-sign-in');
    for (let i = 0; i < 30 && !(await signIn.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(signIn).toBeFocused();
    await page.keyboard.press('Enter');
    const email = page.locator('input[type="email"]');
    await expect(email).toBeVisible();
    for (let i = 0; i < 30 && !(await email.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(email).toBeFocused();
  } finally {
    await context.close();
  }
});

test('a signed-in candidate opens a conversation and answers with the keyboard alone', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
  await context.addCookies([{ name: CANDIDATE_COOKIE, value: candidateSession, url: server.url, httpOnly: true, sameSite: 'Lax' }]);
  const page = await context.newPage();
  const tabTo = async (target: ReturnType<Page['locator']>): Promise<void> => {
    for (let i = 0; i < 40 && !(await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(target).toBeFocused();
  };
  try {
    await page.goto(server.url);
    await tabTo(page.getByTestId('nav-my-chats'));
    await page.keyboard.press('Enter');
    await tabTo(page.getByTestId('chat-conversation').first());
    await page.keyboard.press('Enter');
    const textbox = page.getByTestId('chat-composer').getByRole('textbox');
    await tabTo(textbox);
    await page.keyboard.type('Typed without a mouse.');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('chat-message').filter({ hasText: 'Typed without a mouse.' })).toHaveAttribute('data-delivery', 'sent');
  } finally {
    await context.close();
  }
});
