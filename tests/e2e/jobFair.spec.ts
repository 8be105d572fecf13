import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_CANDIDATES } from '../../src/server/seed/demoCandidates';
import { samplePdf, samplePng } from '../../src/server/uploads/sampleFiles';
import { startServer, type RunningServer } from '../integration/support/serverProcess';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../integration/support/smtpSink';
import { startBrowserHost, type RunningBrowserHost } from './support/browserHostProcess';
import { signIn } from './support/desktopPage';
import { mailsTo, recipientsOf, signInLinkOf } from './support/mailbox';
import { freePort, startTcpProxy, type TcpProxy } from './support/network';

/**
 * A job fair end to end, the proof: the employer builds its participation (stand with a
 * logo, a vacancy typed in and one imported from CSV, a video-interview plan), previews the stand as
 * candidates see it and sends it; the moderator approves it offline and the approval reaches the
 * employer when the network is back; the moderator moves the fair to tomorrow, which opens the
 * response window; a candidate signs in by e-mail link on the portal and responds with a resume;
 * the employer receives the response and opens the resume. Every mail goes through a real SMTP server.
 *
 * Processes: one sync server (SQLite, demo world), two browser hosts — A the employer's installation
 * (direct), B the moderator's (through a cable the test cuts) — and the candidate's plain browser on
 * the server's portal.
 */
const EMPLOYER = 'admin@kazlogistics.demo';
const MODERATOR = 'moderator@fairdesk.demo';
/** The Retail pre-application's contact address: the decision mail goes to it as well as to the admin. */
const RETAIL_CONTACT = 'retail.hr@kazlogistics.demo';
/** KazLogistics' active admin and cabinet managers: each gets the response digest. */
const KAZLOGISTICS_USERS = [EMPLOYER, 'manager1@kazlogistics.demo', 'manager2@kazlogistics.demo'];
const CANDIDATE = 'aliya.candidate@example.kz';
const CANDIDATE_NAME = 'Aliya Nurlanova';
const COMPANY = 'KazLogistics Retail LLP';
const CENTRE_ZONE = 'Asia/Almaty';

const STAND_NAME = 'Retail — job fair stand (e2e)';
const ACTIVITY = 'Last-mile delivery and pick-up points';
const FORM_VACANCY = 'Warehouse picker';
const CSV_VACANCY = 'Courier-expeditor';
/** One row in the format of resources/samples/vacancies-sample.csv (BOM, `;`, Russian headers). */
const VACANCIES_CSV =
  '\uFEFFНазвание;Профессия;Зарплата от;Зарплата до;Валюта;Количество мест;Место работы;Тип занятости;Описание;Требования\n' +
  `${CSV_VACANCY};Курьер;260 000;320 000;KZT;3;Алматы;Сменный график;Доставка заказов по городу.;Права категории B\n`;

const LOGO = samplePng(64, 64);
const RESUME = samplePdf('Aliya Nurlanova - Resume');

// A step that cannot happen fails in seconds, with its own message, rather than at the test's timeout.
test.use({ actionTimeout: 15_000, navigationTimeout: 20_000 });

async function newPage(browser: Browser, contexts: BrowserContext[]): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US' });
  contexts.push(context);
  return context.newPage();
}

/** The picture inside `image` has really been decoded (its bytes arrived), not just its frame drawn. */
async function expectImageLoaded(image: ReturnType<Page['locator']>): Promise<void> {
  // v-img loads lazily, once scrolled into sight.
  await image.scrollIntoViewIfNeeded();
  const img = image.locator('img').first();
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => (el.complete ? el.naturalWidth : 0))).toBeGreaterThan(0);
}

async function expectSynced(page: Page): Promise<void> {
  await expect(page.getByTestId('pending-count')).toHaveCount(0);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'idle');
}

test('a job fair: employer prepares, moderator approves offline, candidate responds, employer reads the resume', async ({ browser }) => {
  test.setTimeout(300_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fairdesk-e2e-jobfair-'));
  const sink: SmtpSink = await startSmtpSink();
  // The address is fixed before start so that mailed links (FAIRDESK_PUBLIC_URL) point at this server.
  const port = await freePort();
  const serverUrl = `http://127.0.0.1:${port}`;
  let server: RunningServer | null = null;
  let cable: TcpProxy | null = null;
  const hosts: RunningBrowserHost[] = [];
  const contexts: BrowserContext[] = [];

  try {
    server = await startServer({
      dataDir,
      env: {
        FAIRDESK_PORT: String(port),
        FAIRDESK_SMTP_URL: sink.url,
        FAIRDESK_PUBLIC_URL: serverUrl,
        // The response digest every 3 s (its minimum), so that the test awaits it rather than triggers it.
        FAIRDESK_DIGEST_INTERVAL_MINUTES: '0.05',
      },
    });
    expect(server.url).toBe(serverUrl);
    cable = await startTcpProxy(port);
    const hostA = await startBrowserHost(serverUrl);
    hosts.push(hostA);
    const hostB = await startBrowserHost(cable.url);
    hosts.push(hostB);

    // ------------------------------------------------------------------ 1. the employer prepares
    const employer = await newPage(browser, contexts);
    await signIn(employer, hostA.url, serverUrl, EMPLOYER);
    await employer.getByTestId('nav-my-fairs').click();
    const card = employer.getByTestId('participation-card').filter({ hasText: COMPANY });
    await expect(card).toHaveCount(1);
    await expect(card).toHaveAttribute('data-status', 'draft');
    await card.click();
    const header = employer.getByTestId('participation-header');
    await expect(header).toHaveAttribute('data-status', 'draft');
    await expect(header).toContainText(COMPANY);
    const fairTitle = (await header.locator('h1').innerText()).trim();
    // Nothing to send yet: the button is disabled and says why.
    await expect(employer.getByTestId('participation-send')).toBeDisabled();
    await expect(employer.getByTestId('send-blocked')).toBeVisible();

    // A stand, created on the spot, with a logo and the kind of activity.
    await employer.getByTestId('participation-create-stand').click();
    const editor = employer.getByTestId('stand-editor');
    await expect(editor).toBeVisible();
    await editor.getByTestId('stand-internal-name').locator('input').fill(STAND_NAME);
    await expect(editor.getByTestId('stand-company-name').locator('input')).toHaveValue(COMPANY);
    await editor.getByTestId('stand-activity').locator('input').fill(ACTIVITY);
    await editor.getByTestId('stand-logo-input').setInputFiles({ name: 'retail-logo.png', mimeType: 'image/png', buffer: LOGO });
    const logoItem = editor.getByTestId('stand-logo-item');
    await expect(logoItem).toHaveCount(1);
    await expect(logoItem).toContainText('retail-logo.png');
    await expectImageLoaded(logoItem);
    // The editor's own preview is the candidates' showcase, logo included.
    await editor.getByTestId('stand-tab-preview').click();
    await expect(editor.getByTestId('showcase-activity')).toHaveText(ACTIVITY);
    await expectImageLoaded(editor.getByTestId('stand-showcase').locator('header'));
    await editor.getByTestId('stand-save').click();
    await expect(editor).toBeHidden();
    await expect(employer.getByTestId('participation-edit-stand')).toBeVisible();
    await expect(employer.getByTestId('participation-stand-select')).toContainText(STAND_NAME);

    // A vacancy typed in: the salary is mandatory.
    const vacancies = employer.getByTestId('participation-vacancies');
    await employer.getByTestId('vacancy-add').click();
    const form = employer.getByTestId('vacancy-form');
    await expect(form).toBeVisible();
    await form.getByTestId('vacancy-title').locator('input').fill(FORM_VACANCY);
    await form.getByTestId('vacancy-profession').locator('input').fill('Warehouse operator');
    await form.getByTestId('vacancy-location').locator('input').fill('Almaty');
    await form.getByTestId('vacancy-save').click();
    await expect(form.getByTestId('vacancy-error')).toBeVisible();
    await expect(form.getByTestId('vacancy-salary-from')).toHaveClass(/v-input--error/);
    await form.getByTestId('vacancy-salary-from').locator('input').fill('240000');
    await form.getByTestId('vacancy-salary-to').locator('input').fill('300000');
    await form.getByTestId('vacancy-save').click();
    await expect(form).toBeHidden();
    await expect(vacancies.getByTestId('vacancy-row')).toHaveCount(1);

    // … and one imported from a CSV file.
    await employer.getByTestId('vacancy-import-csv').click();
    const csv = employer.getByTestId('csv-import');
    await expect(csv).toBeVisible();
    await csv.getByTestId('csv-input').setInputFiles({ name: 'vacancies.csv', mimeType: 'text/csv', buffer: Buffer.from(VACANCIES_CSV, 'utf8') });
    await expect(csv.getByTestId('csv-file-name')).toHaveText('vacancies.csv');
    await csv.getByTestId('csv-import-confirm').click();
    await expect(csv).toBeHidden();
    await expect(vacancies.getByTestId('vacancy-row')).toHaveCount(2);
    await expect(vacancies.getByTestId('vacancy-row').filter({ hasText: FORM_VACANCY })).toHaveCount(1);
    await expect(vacancies.getByTestId('vacancy-row').filter({ hasText: CSV_VACANCY })).toHaveCount(1);

    // Video interviews for the admin herself: from 10:00, three of 20 minutes.
    const plan = employer.getByTestId('interview-plan');
    await plan.getByTestId('plan-add').click();
    await expect(plan.getByTestId('plan-line')).toHaveCount(1);
    await plan.getByTestId('plan-start').locator('input').fill('10:00');
    await plan.getByTestId('plan-count').locator('input').fill('3');
    await plan.getByTestId('plan-save').click();
    await expect(plan.getByTestId('plan-save')).toBeDisabled();
    // The timetable: one manager, three back-to-back slots.
    const timetableRows = plan.getByTestId('timetable-row');
    await expect(timetableRows).toHaveCount(1);
    await expect(timetableRows).toContainText('Dana Omarova');
    await expect(timetableRows.locator('.v-chip')).toHaveCount(3);
    await expect(timetableRows.locator('.v-chip')).toHaveText(['10:00', '10:20', '10:40']);

    // "Preview as candidates see it": the showcase with the logo.
    await employer.getByTestId('participation-preview').click();
    const preview = employer.getByTestId('stand-preview-dialog');
    await expect(preview.getByTestId('showcase-company')).toHaveText(COMPANY);
    await expect(preview.getByTestId('showcase-activity')).toHaveText(ACTIVITY);
    await expectImageLoaded(preview.getByTestId('stand-showcase').locator('header'));
    await employer.keyboard.press('Escape');
    await expect(preview).toBeHidden();

    // Send it; the server accepts it and everything is in sync (the logo uploaded, too).
    await employer.getByTestId('participation-send').click();
    await expect(header).toHaveAttribute('data-status', 'sent');
    await expect(header.getByTestId('record-sync-state')).toHaveAttribute('data-state', 'synced');
    await expectSynced(employer);

    // ------------------------------------------------------------------ 2. the moderator approves offline
    const moderator = await newPage(browser, contexts);
    await signIn(moderator, hostB.url, cable.url, MODERATOR);
    await moderator.getByTestId('nav-participation-review').click();
    const reviewRow = moderator.getByTestId('review-row').filter({ hasText: COMPANY });
    await expect(reviewRow).toHaveCount(1);
    await expect(reviewRow).toHaveAttribute('data-status', 'sent');

    // A first look while online: the stand as candidates will see it, vacancies, the timetable.
    // (Stand images are fetched when first shown and then kept: that is what makes the offline review whole.)
    await reviewRow.click();
    const review = moderator.getByTestId('participation-review');
    await expect(review).toBeVisible();
    await expect(review.getByTestId('showcase-activity')).toHaveText(ACTIVITY);
    await expectImageLoaded(review.getByTestId('stand-showcase').locator('header'));
    await review.getByTestId('review-tab-vacancies').click();
    await expect(review.getByTestId('vacancy-row')).toHaveCount(2);
    await review.getByTestId('review-tab-interviews').click();
    await expect(review.getByTestId('timetable-row').locator('.v-chip')).toHaveText(['10:00', '10:20', '10:40']);
    await moderator.keyboard.press('Escape');
    await expect(review).toBeHidden();

    cable.cut();
    await moderator.getByTestId('sync-now').click();
    await expect(moderator.getByTestId('sync-status')).toHaveAttribute('data-state', 'offline');

    // Offline: the stand is still all there, logo included; approve.
    await reviewRow.click();
    await expect(review).toBeVisible();
    await expect(review.getByTestId('showcase-activity')).toHaveText(ACTIVITY);
    await expectImageLoaded(review.getByTestId('stand-showcase').locator('header'));
    await review.getByTestId('participation-approve').click();
    await review.getByTestId('participation-decision-confirm').click();
    await expect(review).toBeHidden();
    await expect(reviewRow).toHaveAttribute('data-status', 'approved');
    await expect(reviewRow.getByTestId('record-sync-state')).toHaveAttribute('data-state', 'pending');
    await expect(moderator.getByTestId('pending-count')).toHaveText('Waiting to send: 1');
    // Still offline: nothing reached the employer.
    await expect(header).toHaveAttribute('data-status', 'sent');

    cable.restore();
    await moderator.getByTestId('sync-now').click();
    await expect(reviewRow.getByTestId('record-sync-state')).toHaveAttribute('data-state', 'synced');
    await expect(reviewRow).toHaveAttribute('data-status', 'approved');
    await expectSynced(moderator);

    // The employer's app shows the approval without a restart (poke → pull).
    await expect(header).toHaveAttribute('data-status', 'approved');
    await expect(employer.getByTestId('participation-approved')).toBeVisible();

    // ------------------------------------------------------------------ 3. the fair is tomorrow
    // Done as the moderator would: the Fairs page's edit dialog (FairFormDialog), not the API.
    const tomorrow = DateTime.now().setZone(CENTRE_ZONE).plus({ days: 1 }).toISODate() ?? '';
    await moderator.getByTestId('nav-fairs').click();
    const fairCard = moderator.getByTestId('fair-card').filter({ hasText: fairTitle });
    await expect(fairCard).toHaveCount(1);
    await fairCard.getByTestId('edit-fair').click();
    const fairForm = moderator.getByTestId('fair-form');
    await expect(fairForm).toBeVisible();
    await fairForm.getByTestId('fair-form-starts').locator('input').fill(tomorrow);
    await fairForm.getByTestId('fair-form-ends').locator('input').fill(tomorrow);
    await fairForm.getByTestId('fair-form-submit').click();
    await expect(fairForm).toBeHidden();
    await expect(fairCard.locator('time')).toHaveAttribute('datetime', tomorrow);
    await expect(fairCard.getByTestId('record-sync-state')).toHaveAttribute('data-state', 'synced');
    await expectSynced(moderator);

    // ------------------------------------------------------------------ 4. a candidate responds
    const candidate = await newPage(browser, contexts);
    await candidate.goto(serverUrl);
    const portalFair = candidate.getByTestId('portal-fair').filter({ hasText: fairTitle });
    await expect(portalFair).toHaveCount(1);
    await portalFair.getByTestId('portal-fair-open').click();
    await expect(candidate.getByTestId('fair-title')).toHaveText(fairTitle);
    await expect(candidate.getByTestId('fair-window')).toHaveAttribute('data-state', 'open');
    const fairPath = new URL(candidate.url()).pathname;
    const panel = candidate.getByTestId('portal-employer').filter({ hasText: COMPANY });
    await expect(panel).toHaveCount(1);
    await expect(panel).toContainText(ACTIVITY);
    await panel.getByTestId('employer-stand-toggle').click();
    await expect(panel.getByTestId('showcase-activity')).toHaveText(ACTIVITY);
    await expectImageLoaded(panel.getByTestId('stand-showcase').locator('header'));
    const portalVacancy = panel.getByTestId('portal-vacancy').filter({ hasText: FORM_VACANCY });
    await expect(portalVacancy).toHaveCount(1);
    await expect(panel.getByTestId('portal-vacancy')).toHaveCount(2);

    // Sign in by e-mail link.
    await portalVacancy.getByTestId('vacancy-sign-in').click();
    await candidate.getByTestId('sign-in-email').locator('input').fill(CANDIDATE);
    await candidate.getByTestId('sign-in-send').click();
    await expect(candidate.getByTestId('sign-in-sent')).toBeVisible();
    await expect.poll(() => mailsTo(sink.received, CANDIDATE).length, { timeout: 20_000 }).toBe(1);
    const linkMail = mailsTo(sink.received, CANDIDATE)[0];
    expect(linkMail?.rcptTo).toEqual([CANDIDATE]);
    const link = signInLinkOf(linkMail ?? ({} as never));
    expect(link.startsWith(`${serverUrl}/sign-in#token=`)).toBe(true);
    await candidate.goto(link);
    await expect(candidate.getByTestId('sign-in-done')).toBeVisible();
    await candidate.getByTestId('profile-name').locator('input').fill(CANDIDATE_NAME);
    await candidate.getByTestId('profile-phone').locator('input').fill('+7 701 555 44 33');
    await candidate.getByTestId('profile-save').click();
    // Back where the candidate came from.
    await expect.poll(() => new URL(candidate.url()).pathname).toBe(fairPath);
    await expect(candidate.getByTestId('nav-my-responses')).toBeVisible();

    // Respond with a PDF resume and a wish for a video interview.
    await portalVacancy.getByTestId('vacancy-respond').click();
    const respond = candidate.getByTestId('respond-dialog');
    await expect(respond).toBeVisible();
    await respond.getByTestId('respond-file').locator('input[type="file"]').setInputFiles({ name: 'aliya-resume.pdf', mimeType: 'application/pdf', buffer: RESUME });
    await expect(respond.getByTestId('respond-uploaded')).toBeVisible();
    await respond.getByTestId('respond-video').locator('input').check();
    await respond.getByTestId('respond-send').click();
    await expect(respond).toBeHidden();
    await expect(portalVacancy.getByTestId('vacancy-respond')).toHaveCount(0);
    await expect(portalVacancy).toContainText('You responded');

    await candidate.getByTestId('nav-my-responses').click();
    const mine = candidate.getByTestId('mine-response');
    await expect(mine).toHaveCount(1);
    await expect(mine).toContainText(FORM_VACANCY);
    await expect(mine).toContainText(COMPANY);
    await expect(mine).toContainText('aliya-resume.pdf');
    await expect(mine).toContainText('Video interview requested');

    // ------------------------------------------------------------------ 5. the employer reads it
    await employer.getByTestId('nav-responses').click();
    await expect(employer.getByTestId('responses-page')).toBeVisible();
    const response = employer.getByTestId('response-row').filter({ hasText: FORM_VACANCY });
    await expect(response).toHaveCount(1, { timeout: 20_000 });
    await expect(response).toContainText(CANDIDATE_NAME);
    await expect(response).toHaveAttribute('data-video', 'yes');
    // The browser host cannot hand files to a desktop viewer (Electron does): it offers a download.
    const download = employer.waitForEvent('download', { timeout: 20_000 });
    await response.getByTestId('response-open-resume').click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe('aliya-resume.pdf');
    expect(fs.readFileSync(await saved.path()).equals(RESUME)).toBe(true);

    // ------------------------------------------------------------------ 6. who got mail
    // The approval went to KazLogistics: its admin and the pre-application's contact address (not a
    // user account). The response digest: one mail per KazLogistics admin / cabinet manager, naming
    // the candidate and the vacancy. The candidate: the sign-in link only. Nobody else.
    const decisionTo = [EMPLOYER, RETAIL_CONTACT];
    const bodyOf = (m: ReceivedMail): string => `${m.subject}\n${m.text}\n${m.html}`;
    const isDigest = (m: ReceivedMail): boolean => bodyOf(m).includes(CANDIDATE_NAME);
    // The demo seed's own video-interview invitations (to its demo candidates) are not part of this story.
    const seedCandidates = new Set<string>(DEMO_CANDIDATES.map((c) => c.email));
    const received = (): ReceivedMail[] => sink.received.filter((m) => !m.rcptTo.every((to) => seedCandidates.has(to)));
    await expect
      .poll(() => recipientsOf(received()), { timeout: 30_000 })
      .toEqual([...decisionTo, ...KAZLOGISTICS_USERS, CANDIDATE].sort());
    for (const mail of sink.received) expect(mail.rcptTo).toHaveLength(1);
    const decisions = received().filter((m) => !isDigest(m) && !m.rcptTo.includes(CANDIDATE));
    expect(decisions.flatMap((m) => m.rcptTo).sort()).toEqual([...decisionTo].sort());
    for (const mail of decisions) expect(bodyOf(mail)).toContain(fairTitle);
    const digests = received().filter(isDigest);
    expect(digests.flatMap((m) => m.rcptTo).sort()).toEqual([...KAZLOGISTICS_USERS].sort());
    for (const mail of digests) expect(bodyOf(mail)).toContain(FORM_VACANCY);
    // The candidate got the sign-in link and nothing else.
    expect(mailsTo(sink.received, CANDIDATE)).toEqual([linkMail]);
  } finally {
    for (const context of contexts) await context.close().catch(() => undefined);
    for (const host of hosts) await host.stop();
    if (cable) await cable.close();
    if (server) await server.stop();
    await sink.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
