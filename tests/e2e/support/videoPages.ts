import { expect, type Browser, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import { CANDIDATE_COOKIE } from '../../../src/shared/api/portal';
import { signInCandidate, type PortalCandidate } from '../../integration/support/candidatePortal';
import type { RunningServer } from '../../integration/support/serverProcess';
import type { SmtpSink } from '../../integration/support/smtpSink';
import { startBrowserHost, type RunningBrowserHost } from './browserHostProcess';
import { signIn } from './desktopPage';
import { recordPeerConnections } from './videoCall';

/**
 * The pages of a video e2e: managers in browser hosts and candidates in the portal, each in its
 * own context of one fake-media browser, with their RTCPeerConnections recorded and their console
 * kept for a failed test (PeerJS logs its errors there). `close()` releases everything.
 */
export class VideoPages {
  private readonly consoleLines: string[] = [];
  private readonly hosts: RunningBrowserHost[] = [];
  private readonly contexts: BrowserContext[] = [];
  private readonly accounts = new Map<string, PortalCandidate>();

  constructor(
    private readonly browser: Browser,
    private readonly server: RunningServer,
    private readonly sink: SmtpSink,
  ) {}

  /** Keeps `page`'s console messages and errors under `who`. */
  recordConsole(page: Page, who: string): Page {
    page.on('console', (m) => this.consoleLines.push(`${who} ${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => this.consoleLines.push(`${who} pageerror: ${e.message}`));
    return page;
  }

  /** In `afterEach`: attaches the console to a failed test, then starts afresh. */
  async attachConsoleIfFailed(testInfo: TestInfo): Promise<void> {
    if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('browser console', { body: this.consoleLines.join('\n'), contentType: 'text/plain' });
    this.consoleLines.length = 0;
  }

  /** A browser host of its own, signed in as the demo user `email`. */
  async desktop(email: string): Promise<Page> {
    const host = await startBrowserHost(this.server.url);
    this.hosts.push(host);
    const page = this.recordConsole(await (await this.context()).newPage(), email);
    await signIn(page, host.url, this.server.url, email);
    return page;
  }

  /** The candidate's portal session, signed in once through a real mailed link. */
  async account(who: { email: string; name: string }): Promise<PortalCandidate> {
    const known = this.accounts.get(who.email) ?? (await signInCandidate(this.server.url, this.sink, who.email, who.name));
    this.accounts.set(who.email, known);
    return known;
  }

  /** A new context with the candidate's session cookie (cookies are per host, so it holds on any port of 127.0.0.1). */
  async portal(who: { email: string; name: string }): Promise<{ page: Page; context: BrowserContext }> {
    const account = await this.account(who);
    const context = await this.context();
    await context.addCookies([{ name: CANDIDATE_COOKIE, value: account.cookie.slice(`${CANDIDATE_COOKIE}=`.length), url: this.server.url, httpOnly: true, sameSite: 'Lax' }]);
    return { page: this.recordConsole(await context.newPage(), who.email), context };
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close().catch(() => undefined);
    for (const host of this.hosts) await host.stop();
  }

  private async context(): Promise<BrowserContext> {
    const context = await this.browser.newContext({ locale: 'en-US' });
    this.contexts.push(context);
    await recordPeerConnections(context);
    return context;
  }
}

/** The device check (own camera preview), then *Join*: the call stage. */
export async function joinFromDeviceCheck(page: Page): Promise<void> {
  await expect(page.getByTestId('video-device-check')).toBeVisible();
  await expect(page.getByTestId('video-camera-check')).toBeVisible();
  await page.getByTestId('video-join').click();
  await expect(page.getByTestId('video-call-stage')).toBeVisible();
}
