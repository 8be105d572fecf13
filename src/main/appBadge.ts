import type { App, BrowserWindow } from 'electron';

/**
 * The unread count the renderer puts in the window title ("(3) FairDesk", "(999+) FairDesk");
 * 0 when the title has none. The title is the one channel the renderer already owns, so the badge
 * needs no extra IPC method.
 */
export function unreadFromTitle(title: string): number {
  const match = /^\((\d+)\+?\)\s/.exec(title);
  return match?.[1] ? Number.parseInt(match[1], 10) : 0;
}

/**
 * Keeps the app's badge (macOS dock, Linux launchers that support it; Windows shows the title) in
 * step with the unread chat count in the window title.
 */
export function followTitleWithBadge(window: Pick<BrowserWindow, 'on'>, app: Pick<App, 'setBadgeCount'>): void {
  window.on('page-title-updated', (_event, title) => {
    app.setBadgeCount(unreadFromTitle(title));
  });
}
