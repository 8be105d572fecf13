import { expect, type Browser, type BrowserContext, type BrowserType, type LaunchOptions, type Page } from '@playwright/test';

/**
 * Chromium's fake cameras and microphones (test patterns and a beep; cameras `fake_device_0` to
 * `fake_device_2`, three microphones), granted without a prompt, and media that plays without a
 * gesture. `fake_device_1` is a 16-bit depth camera (Y16) WebRTC cannot encode, so a camera switch
 * goes to `fake_device_2` (MJPEG). Only the video specs launch with these: the other specs keep the
 * real permission behaviour.
 */
export const FAKE_MEDIA_ARGS = [
  '--use-fake-device-for-media-stream=device-count=3',
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

/**
 * Records every RTCPeerConnection the pages of `context` create (the app's own, made by PeerJS),
 * so a test can look at what a call really sends and inject faults into it. Nothing else changes:
 * the connections are the browser's own.
 */
export async function recordPeerConnections(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const made: RTCPeerConnection[] = [];
    Object.assign(window, { fairdeskPeerConnections: made });
    window.RTCPeerConnection = class extends Native {
      constructor(configuration?: RTCConfiguration) {
        super(configuration);
        made.push(this);
      }
    };
  });
}

/** The label of the camera track the page's live call sends (its connected RTCPeerConnection's video sender). */
export function sentCameraLabel(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const made = (window as unknown as { fairdeskPeerConnections?: RTCPeerConnection[] }).fairdeskPeerConnections ?? [];
    const live = made.filter((pc) => pc.connectionState === 'connected');
    const sender = live.at(-1)?.getSenders().find((s) => s.track?.kind === 'video');
    return sender?.track?.label ?? null;
  });
}

/**
 * "Video cannot get through": the page's live call stops putting video on the wire (its video
 * encodings are switched off) while audio goes on, as when a path lets only a little through.
 * Answers how many senders were switched off.
 */
export function stopSendingVideo(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const made = (window as unknown as { fairdeskPeerConnections?: RTCPeerConnection[] }).fairdeskPeerConnections ?? [];
    let stopped = 0;
    for (const pc of made.filter((c) => c.connectionState === 'connected')) {
      for (const sender of pc.getSenders().filter((s) => s.track?.kind === 'video')) {
        const parameters = sender.getParameters();
        parameters.encodings.forEach((e) => (e.active = false));
        await sender.setParameters(parameters);
        stopped += 1;
      }
    }
    return stopped;
  });
}

/** Audio bytes the page's live call has received so far (inbound-rtp, kind audio). */
export function audioBytesReceived(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const made = (window as unknown as { fairdeskPeerConnections?: RTCPeerConnection[] }).fairdeskPeerConnections ?? [];
    let bytes = 0;
    for (const pc of made.filter((c) => c.connectionState === 'connected')) {
      (await pc.getStats()).forEach((s: { type?: string; kind?: string; bytesReceived?: number }) => {
        if (s.type === 'inbound-rtp' && s.kind === 'audio') bytes += s.bytesReceived ?? 0;
      });
    }
    return bytes;
  });
}

/** Starts recording every phase the page's call view goes through (a MutationObserver on `data-phase`), from now on. */
export async function recordCallPhases(page: Page): Promise<void> {
  await page.getByTestId('video-call').evaluate((element) => {
    const seen: string[] = [element.getAttribute('data-phase') ?? ''];
    Object.assign(window, { fairdeskCallPhases: seen });
    new MutationObserver(() => seen.push(element.getAttribute('data-phase') ?? '')).observe(element, { attributes: true, attributeFilter: ['data-phase'] });
  });
}

/** The phases recorded since `recordCallPhases`, in order. */
export function recordedCallPhases(page: Page): Promise<string[]> {
  return page.evaluate(() => [...((window as unknown as { fairdeskCallPhases?: string[] }).fairdeskCallPhases ?? [])]);
}

/**
 * Which of the page's RTCPeerConnections (in creation order; see `recordPeerConnections`) carries
 * its call now — the last connected one — or -1. A different answer later means a new call.
 */
export function livePeerConnection(page: Page): Promise<number> {
  return page.evaluate(() => {
    const made = (window as unknown as { fairdeskPeerConnections?: RTCPeerConnection[] }).fairdeskPeerConnections ?? [];
    return made.map((pc) => pc.connectionState).lastIndexOf('connected');
  });
}
