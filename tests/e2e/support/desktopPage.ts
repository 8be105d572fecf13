import { expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../../../src/server/seed/demoAccounts';

/** Opens a browser host's page and signs in with a demo account against `serverUrl`. */
export async function signIn(page: Page, desktopUrl: string, serverUrl: string, email: string): Promise<void> {
  await page.goto(desktopUrl);
  await page.getByTestId('login-server').locator('input').fill(serverUrl);
  await page.getByTestId('login-email').locator('input').fill(email);
  await page.getByTestId('login-password').locator('input').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('sync-status')).toBeVisible();
}
