import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { startServer, type RunningServer } from '../integration/support/serverProcess';
import { startBrowserHost, type RunningBrowserHost } from './support/browserHostProcess';
import { signIn } from './support/desktopPage';
import { freePort, startTcpProxy, type TcpProxy } from './support/network';

/**
 * The heart of FairDesk, end to end through two browser hosts (two desktop installations) and a
 * real server process: a moderator reviews offline, the employer withdraws one of the reviewed
 * applications meanwhile, and when the moderator's app reconnects the server's rules win — the
 * approval is refused with the reason and rolled back, the rejection goes through, and the employer
 * sees the rejection reason.
 *
 * Demo world: KazLogistics (admin@kazlogistics.demo) has two Almaty applications under review —
 * "KazLogistics LLP" for the Almaty fair (way 2, X: approved offline, then withdrawn by the employer)
 * and "KazLogistics Retail LLP" by region and period (way 1, Y: rejected offline).
 */
const REJECTION_REASON = 'Please list the salary range for every vacancy and send the application again.';

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

test('a moderator decides offline; the employer’s withdrawal wins and both see the outcome', async ({ browser }) => {
  test.setTimeout(180_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fairdesk-e2e-offline-'));
  // One address for the server's whole life, so both installations find it again after the restart.
  const port = await freePort();
  const serverOptions = { dataDir, env: { FAIRDESK_PORT: String(port) } };
  let server: RunningServer | null = await startServer(serverOptions);
  const serverUrl = server.url;
  // Host A (the moderator's installation) reaches the server only through a cable the test controls.
  const cableA: TcpProxy = await startTcpProxy(port);
  const hosts: RunningBrowserHost[] = [];

  try {
    const hostA = await startBrowserHost(cableA.url);
    hosts.push(hostA);
    const hostB = await startBrowserHost(serverUrl);
    hosts.push(hostB);

    // --- The moderator signs in and syncs the queue.
    const moderator = await newPage(browser);
    await signIn(moderator, hostA.url, cableA.url, 'moderator@fairdesk.demo');
    const rows = moderator.getByTestId('queue-row');
    await expect(rows).toHaveCount(3);
    const rowX = rows.filter({ hasText: 'KazLogistics LLP' });
    const rowY = rows.filter({ hasText: 'KazLogistics Retail LLP' });
    const numberX = await rowX.getAttribute('data-number');
    const numberY = await rowY.getAttribute('data-number');
    expect(numberX).toMatch(/^\d{8}-\d+$/);
    expect(numberY).toMatch(/^\d{8}-\d+$/);
    await expect(moderator.getByTestId('pending-count')).toHaveCount(0);

    // --- The server goes down (and the moderator's network with it).
    cableA.cut();
    await server.stop();
    server = null;
    await moderator.getByTestId('sync-now').click();
    await expect(moderator.getByTestId('sync-status')).toHaveAttribute('data-state', 'offline');

    // --- Offline: approve X (way 2, the fair is fixed) …
    await rowX.click();
    await expect(moderator.getByTestId('application-details')).toBeVisible();
    await moderator.getByTestId('decision-approve').click();
    await moderator.getByTestId('decision-confirm').click();
    await expect(moderator.getByTestId('application-details')).toBeHidden();
    await expect(rowX.getByTestId('application-status')).toHaveAttribute('data-status', 'approved');
    await expect(rowX.getByTestId('record-sync-state')).toHaveAttribute('data-state', 'pending');

    // … and reject Y with a reason (an empty reason is refused first).
    await rowY.click();
    await moderator.getByTestId('decision-reject').click();
    await moderator.getByTestId('decision-confirm').click();
    await expect(moderator.getByTestId('application-details')).toContainText(/required/i);
    await moderator.getByTestId('reject-reason').locator('textarea').first().fill(REJECTION_REASON);
    await moderator.getByTestId('decision-confirm').click();
    await expect(moderator.getByTestId('application-details')).toBeHidden();
    await expect(rowY.getByTestId('application-status')).toHaveAttribute('data-status', 'rejected');
    await expect(rowY.getByTestId('record-sync-state')).toHaveAttribute('data-state', 'pending');

    await expect(moderator.getByTestId('pending-count')).toHaveText('Waiting to send: 2');
    await expect(moderator.getByTestId('sync-status')).toHaveAttribute('data-state', 'offline');

    // --- The server is back on the same address; the moderator's installation is still cut off.
    server = await startServer(serverOptions);
    expect(server.url).toBe(serverUrl);

    // --- Meanwhile the employer (another installation) withdraws X, and it reaches the server.
    const employer = await newPage(browser);
    await signIn(employer, hostB.url, serverUrl, 'admin@kazlogistics.demo');
    const cardX = employer.locator(`[data-testid="application-card"][data-number="${numberX}"]`);
    const cardY = employer.locator(`[data-testid="application-card"][data-number="${numberY}"]`);
    await expect(cardX.getByTestId('application-status')).toHaveAttribute('data-status', 'under_review');
    await cardX.getByTestId('withdraw-application').click();
    await employer.getByTestId('withdraw-confirm').click();
    await expect(cardX.getByTestId('application-status')).toHaveAttribute('data-status', 'withdrawn');
    // Accepted by the server: the card is back in sync and nothing waits to be sent.
    await expect(cardX.getByTestId('record-sync-state')).toHaveAttribute('data-state', 'synced');
    await expect(employer.getByTestId('pending-count')).toHaveCount(0);
    await expect(cardY.getByTestId('application-status')).toHaveAttribute('data-status', 'under_review');

    // --- The moderator's network comes back.
    cableA.restore();
    await moderator.getByTestId('sync-now').click();

    // The approval of X was refused — the employer had withdrawn it — and rolled back, with the reason.
    const rejection = moderator.getByTestId('rejection-item');
    await expect(rejection).toHaveCount(1);
    await expect(rejection).toContainText(numberX ?? '');
    await expect(rejection).toContainText(/withdr/i);
    await expect(rowX.getByTestId('application-status')).toHaveAttribute('data-status', 'withdrawn');
    await expect(rowX.getByTestId('record-sync-state')).toHaveAttribute('data-state', 'rejected');
    // The rejection of Y went through.
    await expect(rowY.getByTestId('application-status')).toHaveAttribute('data-status', 'rejected');
    await expect(rowY.getByTestId('record-sync-state')).toHaveAttribute('data-state', 'synced');
    await expect(moderator.getByTestId('pending-count')).toHaveCount(0);
    await expect(moderator.getByTestId('sync-status')).toHaveAttribute('data-state', 'idle');

    // The refusal stays until the moderator dismisses it.
    await moderator.getByTestId('rejection-dismiss').click();
    await expect(rejection).toHaveCount(0);
    await expect(rowX.getByTestId('record-sync-state')).toHaveAttribute('data-state', 'synced');

    // --- The employer sees Y rejected with the moderator's reason, without a restart (poke → pull).
    await expect(cardY.getByTestId('application-status')).toHaveAttribute('data-status', 'rejected');
    await expect(cardY.getByTestId('application-rejection-reason')).toContainText(REJECTION_REASON);
    await expect(cardX.getByTestId('application-status')).toHaveAttribute('data-status', 'withdrawn');
  } finally {
    for (const host of hosts) await host.stop();
    await cableA.close();
    if (server) await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
