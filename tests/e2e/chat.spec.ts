import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { CANDIDATE_COOKIE } from '../../src/shared/api/portal';
import { signInCandidate } from '../integration/support/candidatePortal';
import { startServer, type RunningServer } from '../integration/support/serverProcess';
import { startSmtpSink, type SmtpSink } from '../integration/support/smtpSink';
import { startBrowserHost, type RunningBrowserHost } from './support/browserHostProcess';
import { buildChatWorld } from './support/chatWorld';
import { signIn } from './support/desktopPage';
import { freePort, startTcpProxy, type TcpProxy } from './support/network';

/**
 * The chat, the proof: a candidate (portal) writes to an employer it responded to; two
 * cabinet managers of that employer (two browser hosts) see the conversation and its unread count;
 * the first presses *Start dialogue*, the second sees who took it and cannot answer; unread counts
 * rise and clear on both sides; the first manager loses the network, writes, gets it back — and the
 * candidate receives that message exactly once.
 *
 * The approved participation and the candidate's response are made through the server's API (the
 * job-fair spec proves those steps through the UI); the candidate signs in with a real mailed link.
 */
const MANAGER_1 = 'manager1@kazlogistics.demo';
const MANAGER_1_NAME = 'Timur Akhmetov';
const MANAGER_2 = 'manager2@kazlogistics.demo';
const CANDIDATE = 'dias.chat@example.kz';
const CANDIDATE_NAME = 'Dias Seitkali';

test.use({ actionTimeout: 15_000, navigationTimeout: 20_000 });

async function newPage(browser: Browser, contexts: BrowserContext[]): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US' });
  contexts.push(context);
  return context.newPage();
}

const textbox = (page: Page) => page.getByTestId('chat-composer').getByRole('textbox');

async function write(page: Page, text: string): Promise<void> {
  await textbox(page).fill(text);
  await textbox(page).press('Enter');
}

/** Messages on `page` whose text contains `text`. */
const messagesWith = (page: Page, text: string) => page.getByTestId('chat-message').filter({ hasText: text });

test('chat: candidate and two managers — claim, unread counts, a message written offline arrives once', async ({ browser }) => {
  test.setTimeout(240_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fairdesk-e2e-chat-'));
  const sink: SmtpSink = await startSmtpSink();
  const port = await freePort();
  const serverUrl = `http://127.0.0.1:${port}`;
  let server: RunningServer | null = null;
  let cable: TcpProxy | null = null;
  const hosts: RunningBrowserHost[] = [];
  const contexts: BrowserContext[] = [];

  try {
    server = await startServer({
      dataDir,
      env: { FAIRDESK_PORT: String(port), FAIRDESK_SMTP_URL: sink.url, FAIRDESK_PUBLIC_URL: serverUrl },
    });
    const world = await buildChatWorld(serverUrl);

    // ---------------------------------------------------------------- the candidate responds (API)
    const candidateAccount = await signInCandidate(serverUrl, sink, CANDIDATE, CANDIDATE_NAME);
    await candidateAccount.respond(world.vacancyId);
    const session = candidateAccount.cookie.slice(`${CANDIDATE_COOKIE}=`.length);

    // ---------------------------------------------------------------- three screens
    cable = await startTcpProxy(port);
    const hostA = await startBrowserHost(cable.url); // manager 1: through a cable the test cuts
    hosts.push(hostA);
    const hostB = await startBrowserHost(serverUrl); // manager 2: direct
    hosts.push(hostB);
    const first = await newPage(browser, contexts);
    await signIn(first, hostA.url, cable.url, MANAGER_1);
    const second = await newPage(browser, contexts);
    await signIn(second, hostB.url, serverUrl, MANAGER_2);

    const candidateContext = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    contexts.push(candidateContext);
    await candidateContext.addCookies([{ name: CANDIDATE_COOKIE, value: session, url: serverUrl, httpOnly: true, sameSite: 'Lax' }]);
    const candidate = await candidateContext.newPage();

    // ---------------------------------------------------------------- 1. the candidate writes first
    await candidate.goto(`${serverUrl}/my/responses`);
    await candidate.getByTestId('mine-chat').first().click();
    await expect(candidate.getByTestId('chat-log')).toBeVisible();
    await write(candidate, 'Hello! Is the driver job still open?');
    await expect(messagesWith(candidate, 'Is the driver job still open?')).toHaveAttribute('data-delivery', 'sent');

    // Both managers see one unread message on the navigation and in the window title.
    for (const manager of [first, second]) {
      await expect(manager.getByTestId('nav-chats-unread')).toHaveAttribute('data-count', '1');
      await expect(manager).toHaveTitle(/^\(1\) /);
    }

    // ---------------------------------------------------------------- 2. manager 1 takes it
    await first.getByTestId('nav-chats').click();
    const rowAtFirst = first.getByTestId('chat-conversation').filter({ hasText: CANDIDATE_NAME });
    await expect(rowAtFirst).toHaveAttribute('data-claimed', 'free');
    await expect(rowAtFirst).toHaveAttribute('data-unread', '1');
    await rowAtFirst.click();
    await expect(messagesWith(first, 'Is the driver job still open?')).toHaveCount(1);
    // Opening the conversation reads it: the counts clear.
    await expect(first.getByTestId('nav-chats-unread')).toHaveCount(0);
    await expect(first).not.toHaveTitle(/^\(\d+\) /);
    await expect(first.getByTestId('chat-response')).toContainText(world.vacancyTitle);
    await expect(first.getByTestId('chat-open-resume')).toBeVisible();
    await first.getByTestId('chat-start-dialogue').click();
    await expect(first.getByTestId('chat-owner-me')).toBeVisible();
    await write(first, 'Yes, it is. When could you come for an interview?');
    await expect(messagesWith(first, 'When could you come')).toHaveAttribute('data-delivery', 'sent');

    // The employer's side read the candidate's message: the candidate sees the answer and, the
    // conversation being open on its screen, the manager sees it read.
    await expect(messagesWith(candidate, 'When could you come')).toHaveCount(1);
    await expect(messagesWith(candidate, 'When could you come')).toHaveAttribute('data-author', 'employer');
    await expect(messagesWith(first, 'When could you come')).toHaveAttribute('data-read', 'true');

    // ---------------------------------------------------------------- 3. manager 2 sees it taken
    await second.getByTestId('nav-chats').click();
    const rowAtSecond = second.getByTestId('chat-conversation').filter({ hasText: CANDIDATE_NAME });
    await expect(rowAtSecond).toHaveAttribute('data-claimed', 'other');
    await rowAtSecond.click();
    await expect(second.getByTestId('chat-taken-by')).toContainText(MANAGER_1_NAME);
    await expect(second.getByTestId('chat-start-dialogue')).toHaveCount(0);
    await expect(second.getByTestId('chat-composer-refusal')).toContainText(MANAGER_1_NAME);
    await expect(second.getByTestId('chat-send')).toBeDisabled();

    // ---------------------------------------------------------------- 4. unread rises and clears
    // Manager 1 looks elsewhere while the candidate writes twice.
    await first.getByTestId('nav-responses').click();
    await expect(first.getByTestId('responses-page')).toBeVisible();
    await expect(first.getByTestId('chat-pane')).toHaveCount(0);
    await write(candidate, 'Tomorrow at 10 would suit me.');
    await write(candidate, 'Or any time on Friday.');
    await expect(messagesWith(candidate, 'any time on Friday')).toHaveAttribute('data-delivery', 'sent');
    await expect(first.getByTestId('nav-chats-unread')).toHaveAttribute('data-count', '2');
    await expect(first).toHaveTitle(/^\(2\) /);
    // Manager 2, looking at the conversation, reads nothing for the employer, and it is not theirs
    // to answer: their badge stays clear while the list shows the count.
    await expect(rowAtSecond).toHaveAttribute('data-unread', '2');
    await expect(second.getByTestId('nav-chats-unread')).toHaveCount(0);
    await first.getByTestId('nav-chats').click();
    await first.getByTestId('chat-conversation').filter({ hasText: CANDIDATE_NAME }).click();
    await expect(first.getByTestId('nav-chats-unread')).toHaveCount(0);
    // The candidate, away on its list of chats, gets an unread count for the manager's answer.
    await candidate.goto(`${serverUrl}/my/chats`);
    await expect(candidate.getByTestId('chat-conversation')).toHaveCount(1);
    await write(first, 'Tomorrow at 10 is booked.');
    await expect(candidate.getByTestId('chat-conversation')).toHaveAttribute('data-unread', '1');
    await candidate.getByTestId('chat-conversation').click();
    await expect(messagesWith(candidate, 'Tomorrow at 10 is booked.')).toHaveCount(1);
    await candidate.goto(`${serverUrl}/my/chats`);
    await expect(candidate.getByTestId('chat-conversation')).toHaveAttribute('data-unread', '0');

    // ---------------------------------------------------------------- 5. offline, written, delivered once
    cable.cut();
    await expect(first.getByTestId('chat-offline')).toBeVisible();
    const offlineText = 'Please bring your driving licence (written offline).';
    await write(first, offlineText);
    await expect(messagesWith(first, offlineText)).toHaveAttribute('data-delivery', 'sending');
    await candidate.getByTestId('chat-conversation').click();
    await expect(messagesWith(candidate, 'Tomorrow at 10 is booked.')).toHaveCount(1);
    await expect(messagesWith(candidate, offlineText)).toHaveCount(0);

    cable.restore();
    await expect(first.getByTestId('chat-offline')).toHaveCount(0, { timeout: 45_000 });
    await expect(messagesWith(first, offlineText)).toHaveAttribute('data-delivery', 'sent');
    await expect(messagesWith(candidate, offlineText)).toHaveCount(1);
    // A later message lands after it: nothing more of the offline one is on its way.
    await write(first, 'See you tomorrow.');
    await expect(messagesWith(candidate, 'See you tomorrow.')).toHaveCount(1);
    await expect(messagesWith(candidate, offlineText)).toHaveCount(1);
    await expect(messagesWith(first, offlineText)).toHaveCount(1);
    // In order, on both sides, and manager 2 sees the same thread.
    const order = ['Is the driver job still open?', 'When could you come', 'Tomorrow at 10 would', 'any time on Friday', 'Tomorrow at 10 is booked', offlineText, 'See you tomorrow.'];
    for (const page of [candidate, first, second]) {
      await expect(messagesWith(page, 'See you tomorrow.')).toHaveCount(1);
      const texts = await page.getByTestId('chat-message').filter({ hasNot: page.locator('[data-author="system"]') }).allInnerTexts();
      const positions = order.map((needle) => texts.findIndex((t) => t.includes(needle)));
      expect(positions.every((p) => p >= 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    }
  } finally {
    for (const context of contexts) await context.close().catch(() => undefined);
    for (const host of hosts) await host.stop().catch(() => undefined);
    await cable?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    await sink.stop().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
