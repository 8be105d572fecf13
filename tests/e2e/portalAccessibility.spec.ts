import AxeBuilder from '@axe-core/playwright';
import { DateTime } from 'luxon';
import { expect, test, type Page } from '@playwright/test';
import type { FairDto } from '../../src/shared/domain/records';
import type { ParticipationDto } from '../../src/shared/domain/participation/records';
import { startServer, type RunningServer } from '../integration/support/serverProcess';
import { loginAs, newClientId, pullAll, push, putsOf } from '../integration/support/syncClient';

/**
 * The candidate portal against WCAG 2.1 A/AA as axe-core checks it (labels, names, landmarks,
 * contrast, …), on a phone and on a desktop screen, with a published stand and open vacancies on
 * the page; and the main path by keyboard alone. Any violation fails with axe's own description.
 */
let server: RunningServer;
let fairId: string;

test.beforeAll(async () => {
  server = await startServer({ seed: true });
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
});

test.afterAll(async () => {
  await server?.stop();
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
