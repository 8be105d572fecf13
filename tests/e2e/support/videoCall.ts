import { expect, type Browser, type BrowserType, type LaunchOptions, type Page } from '@playwright/test';

/**
 * Chromium's fake camera and microphone (a test pattern and a beep), granted without a prompt,
 * and media that plays without a gesture. Only the video specs launch with these: the other specs
 * keep the real permission behaviour.
 */
export const FAKE_MEDIA_ARGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];

/** A browser like the configured one (playwright.config.ts's launch options) plus fake media devices. */
export function launchWithFakeMedia(browserType: BrowserType, configured: LaunchOptions): Promise<Browser> {
  return browserType.launch({ ...configured, args: [...(configured.args ?? []), ...FAKE_MEDIA_ARGS] });
}

interface Playback {
  width: number;
  currentTime: number;
  /** Frames the element has decoded and presented (getVideoPlaybackQuality). */
  frames: number;
  /** Frames seen by requestVideoFrameCallback since `watchFrames` started. */
  callbacks: number;
}

/** Counts requestVideoFrameCallback calls on the page's remote <video> (restarts when the element is replaced). */
async function watchFrames(page: Page): Promise<void> {
  await page.getByTestId('video-remote').evaluate((element) => {
    const video = element as HTMLVideoElement & { fairdeskFrames?: number };
    if (video.fairdeskFrames !== undefined) return;
    video.fairdeskFrames = 0;
    const count = (): void => {
      video.fairdeskFrames = (video.fairdeskFrames ?? 0) + 1;
      video.requestVideoFrameCallback(count);
    };
    video.requestVideoFrameCallback(count);
  });
}

function playbackOf(page: Page): Promise<Playback> {
  return page.getByTestId('video-remote').evaluate((element) => {
    const video = element as HTMLVideoElement & { fairdeskFrames?: number };
    return {
      width: video.videoWidth,
      currentTime: video.currentTime,
      frames: video.getVideoPlaybackQuality().totalVideoFrames,
      callbacks: video.fairdeskFrames ?? 0,
    };
  });
}

/**
 * The REMOTE video really plays on `page`: it has a picture (videoWidth > 0), and within a few
 * seconds its current time advances by at least a second while new frames are decoded and presented.
 */
export async function expectRemoteVideoPlays(page: Page, who: string): Promise<void> {
  const remote = page.getByTestId('video-remote');
  await expect(remote, `${who}: the remote video element`).toBeVisible({ timeout: 30_000 });
  await expect.poll(async () => (await playbackOf(page)).width, { message: `${who}: remote videoWidth`, timeout: 30_000 }).toBeGreaterThan(0);
  await watchFrames(page);
  const before = await playbackOf(page);
  await expect
    .poll(
      async () => {
        const now = await playbackOf(page);
        return now.currentTime - before.currentTime >= 1 && now.frames > before.frames && now.callbacks > before.callbacks;
      },
      { message: `${who}: remote video advancing (currentTime +1 s, decoded frames, frame callbacks)`, timeout: 10_000, intervals: [250] },
    )
    .toBe(true);
}
