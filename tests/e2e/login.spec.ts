import { DEMO_PASSWORD, expect, test } from './support/fixtures';

/**
 * Foundation journey: the real renderer, served by the real browser host (the desktop core), signs
 * in against a real sync server with the demo world and shows the moderator's queue.
 */
test.describe('signing in to the desktop app', () => {
  test('a wrong password is refused with a clear message and nothing else happens', async ({ page, desktop, server }) => {
    await page.goto(desktop.url);
    await page.getByTestId('login-server').locator('input').fill(server.url);
    await page.getByTestId('login-email').locator('input').fill('moderator@fairdesk.demo');
    await page.getByTestId('login-password').locator('input').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login-error')).toBeVisible();
    await expect(page.getByTestId('login-error')).toContainText(/password/i);
    await expect(page.getByTestId('queue-table')).toHaveCount(0);
  });

  test('an unreachable server is named in the error', async ({ page, desktop }) => {
    await page.goto(desktop.url);
    await page.getByTestId('login-server').locator('input').fill('http://127.0.0.1:9');
    await page.getByTestId('login-email').locator('input').fill('moderator@fairdesk.demo');
    await page.getByTestId('login-password').locator('input').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login-error')).toContainText('127.0.0.1:9');
  });

  test('the demo moderator sees the seeded applications queue of the Almaty centre', async ({ page, desktop, server }) => {
    await page.goto(desktop.url);
    await page.getByTestId('login-server').locator('input').fill(server.url);
    await page.getByTestId('login-email').locator('input').fill('moderator@fairdesk.demo');
    await page.getByTestId('login-password').locator('input').fill(DEMO_PASSWORD);
    await page.getByTestId('login-password').locator('input').press('Enter');

    const queue = page.getByTestId('queue-table');
    await expect(queue).toBeVisible();
    // Default filter: under review. Three of the Almaty centre's applications are under review.
    await expect(page.getByTestId('queue-row')).toHaveCount(3);
    for (const company of ['KazLogistics LLP', 'KazLogistics Retail LLP', 'Steppe Foods JSC']) {
      await expect(queue).toContainText(company);
    }
    await expect(page.getByTestId('sync-status')).toContainText(/synced/i);

    // The Astana centre's application is outside this moderator's scope and never reaches the cache.
    await page.getByTestId('queue-filter-all').click();
    await expect(page.getByTestId('queue-row')).toHaveCount(5);
    await expect(queue).not.toContainText('Astana');

    // The period filter keeps applications whose fair dates or desired period overlap it.
    await page.getByTestId('queue-period-from').locator('input').fill('2099-01-01');
    await expect(page.getByTestId('queue-row')).toHaveCount(0);
    await page.getByTestId('queue-period-from').locator('input').fill('');
    await expect(page.getByTestId('queue-row')).toHaveCount(5);

    // The session survives a reload (the cache holds it; no new sign-in needed).
    await page.reload();
    await expect(page.getByTestId('queue-table')).toBeVisible();

    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await expect(page.getByTestId('login-submit')).toBeVisible();
  });
});
