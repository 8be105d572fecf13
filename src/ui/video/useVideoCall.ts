import { computed, getCurrentScope, onScopeDispose, ref, shallowRef } from 'vue';
import type { VideoJoinGrant } from '../../shared/domain/video/records';
import { qualityBetween, sampleOf, VideoStallDetector, type QualityReading, type StatsSample } from './callStats';
import { clockOffset, readCountdown } from './countdown';
import { joinFailureOf } from './joinFailure';
import { listDevices, meterLevel, openLocalMedia, openTrack, stopStream, swapTrack, type MediaDeviceOption } from './mediaDevices';
import { MediaOpenError, type MediaFailure } from './mediaFailure';
import { PeerSession } from './peerSession';

export type CallPhase = 'checking devices' | 'waiting for the other side' | 'connecting' | 'in call' | 'reconnecting' | 'ended' | 'failed';

/** Why the call cannot go on. */
export type CallFailure =
  | { kind: 'media'; media: MediaFailure }
  /** The server refused the join; `message` is its sentence for people. */
  | { kind: 'refused'; message: string }
  /** The server could not be reached for long enough that the slot is over or retrying is pointless. */
  | { kind: 'unreachable'; message: string }
  | { kind: 'unsupported' };

/** Why the call ended normally. */
export type CallEnding = 'time' | 'left' | 'closed by server';

export interface VideoCallOptions {
  /** Asks the server for a grant: on *Join* and again on every reconnect (a new peer id each time). */
  join: () => Promise<VideoJoinGrant>;
  /** The sync server's origin (where the PeerJS server listens), e.g. `location.origin` in the portal. */
  serverOrigin: string;
}

const STATS_EVERY_MS = 2_000;
const TICK_MS = 500;
const REJOIN_DELAYS_MS = [500, 1_000, 2_000, 4_000, 8_000];

/**
 * The call engine shared by the portal and the desktop's video window: local media with a device
 * check, the PeerJS session for the current grant, the countdown on the server's clock, quality,
 * audio-only fallback and recovery after a drop (a new grant, a new peer, the same call).
 *
 * Call `prepare()` to open the devices (phase 'checking devices', preview and level), `start()` to
 * join, `leave()` to hang up. Everything is released when the calling component's scope ends.
 */
export function useVideoCall(options: VideoCallOptions) {
  const phase = ref<CallPhase>('checking devices');
  const failure = shallowRef<CallFailure | null>(null);
  const ending = ref<CallEnding | null>(null);
  const endMessage = ref('');
  const localStream = shallowRef<MediaStream | null>(null);
  const remoteStream = shallowRef<MediaStream | null>(null);
  /** Set when the camera could not be opened but the microphone could: the call runs by voice. */
  const cameraFailure = ref<MediaFailure | null>(null);
  const micOn = ref(true);
  const cameraOn = ref(true);
  /** Video stopped because it could not flow; the notice stays until the camera is turned on again. */
  const audioOnly = ref(false);
  const micLevel = ref(0);
  const microphones = ref<MediaDeviceOption[]>([]);
  const cameras = ref<MediaDeviceOption[]>([]);
  const microphoneId = ref<string | null>(null);
  const cameraId = ref<string | null>(null);
  const quality = ref<QualityReading>({ quality: 'unknown', roundTripMs: null, packetLoss: null });
  const grant = shallowRef<VideoJoinGrant | null>(null);
  const offset = ref(0);
  const localNow = ref(Date.now());

  let session: PeerSession | null = null;
  let stopMeter: () => void = () => undefined;
  let ticker: ReturnType<typeof setInterval> | null = null;
  let statsTimer: ReturnType<typeof setInterval> | null = null;
  let lastSample: StatsSample | null = null;
  const stall = new VideoStallDetector();
  let recovering = false;
  let disposed = false;

  const countdown = computed(() => (grant.value ? readCountdown(grant.value, localNow.value, offset.value) : null));
  const remoteName = computed(() => grant.value?.remoteName ?? '');
  const finished = (): boolean => disposed || phase.value === 'ended' || phase.value === 'failed';

  async function refreshDevices(): Promise<void> {
    const listed = await listDevices().catch(() => ({ microphones: [], cameras: [] }));
    microphones.value = listed.microphones;
    cameras.value = listed.cameras;
    const stream = localStream.value;
    microphoneId.value = stream?.getAudioTracks()[0]?.getSettings().deviceId ?? microphoneId.value;
    cameraId.value = stream?.getVideoTracks()[0]?.getSettings().deviceId ?? cameraId.value;
  }

  /** Opens camera and microphone for the device check (phase 'checking devices'). */
  async function prepare(): Promise<void> {
    failure.value = null;
    phase.value = 'checking devices';
    try {
      const opened = await openLocalMedia({ audioDeviceId: microphoneId.value, videoDeviceId: cameraId.value });
      if (disposed) return stopStream(opened.stream);
      stopStream(localStream.value);
      localStream.value = opened.stream;
      cameraFailure.value = opened.videoFailure?.failure ?? null;
      cameraOn.value = opened.stream.getVideoTracks().length > 0;
      stopMeter();
      stopMeter = meterLevel(opened.stream, (level) => (micLevel.value = level));
      await refreshDevices();
    } catch (error) {
      fail({ kind: 'media', media: error instanceof MediaOpenError ? error.failure : 'unknown' });
    }
  }

  /** *Join*: asks for a grant and enters the call. */
  async function start(): Promise<void> {
    if (!localStream.value || phase.value !== 'checking devices') return;
    phase.value = 'connecting';
    let first: VideoJoinGrant;
    try {
      first = await options.join();
    } catch (error) {
      const reason = joinFailureOf(error);
      // A first join that fails is shown as is: the person is looking at the button they pressed.
      fail(reason.kind === 'refused' ? { kind: 'refused', message: reason.message } : { kind: 'unreachable', message: reason.message });
      return;
    }
    if (disposed) return;
    ticker = setInterval(tick, TICK_MS);
    statsTimer = setInterval(() => void readStats(), STATS_EVERY_MS);
    enter(first);
  }

  function enter(next: VideoJoinGrant): void {
    grant.value = next;
    offset.value = clockOffset(next.serverNow, Date.now());
    localNow.value = Date.now();
    session?.close();
    remoteStream.value = null;
    lastSample = null;
    stall.reset();
    const stream = localStream.value;
    if (!stream) return;
    phase.value = next.remotePeerId ? 'connecting' : 'waiting for the other side';
    const mine: PeerSession = new PeerSession(next, options.serverOrigin, stream, {
      remoteStream: (remote) => {
        if (session !== mine) return;
        remoteStream.value = remote;
        if (phase.value !== 'in call') phase.value = 'connecting';
      },
      connected: () => {
        if (session !== mine || finished()) return;
        phase.value = 'in call';
        if (audioOnly.value) void mine.replaceTrack('video', null);
      },
      interrupted: () => {
        // Say so while ICE tries to get the path back (the picture has frozen); `connected` or `dropped` follows.
        if (session === mine && phase.value === 'in call') phase.value = 'reconnecting';
      },
      dropped: () => {
        if (session === mine) void recover();
      },
      remoteGone: () => {
        if (session !== mine || finished()) return;
        remoteStream.value = null;
        phase.value = 'waiting for the other side';
      },
      peerRefused: () => {
        // E.g. the server revoked this id (the same side joined elsewhere) or refused the handshake: ask again.
        if (session === mine) void recover();
      },
      unsupported: () => fail({ kind: 'unsupported' }),
    });
    session = mine;
  }

  /** After a drop: a new grant (new peer id; the server revokes the old one) and a call to the other side's current id. */
  async function recover(): Promise<void> {
    if (recovering || finished()) return;
    recovering = true;
    phase.value = 'reconnecting';
    session?.close();
    session = null;
    remoteStream.value = null;
    try {
      for (let attempt = 0; !finished(); attempt += 1) {
        try {
          const next = await options.join();
          if (!finished()) enter(next);
          return;
        } catch (error) {
          const reason = joinFailureOf(error);
          if (reason.kind === 'refused') {
            // 409 during a call: it ended (time up, or the manager ended it) or the slot changed.
            if (reason.status === 409) end('closed by server', reason.message);
            else fail({ kind: 'refused', message: reason.message });
            return;
          }
          if (countdown.value?.over) return end('time');
          await delay(REJOIN_DELAYS_MS[Math.min(attempt, REJOIN_DELAYS_MS.length - 1)] ?? 8_000);
        }
      }
    } finally {
      recovering = false;
    }
  }

  function tick(): void {
    localNow.value = Date.now();
    if (countdown.value?.over && !finished()) end('time');
  }

  async function readStats(): Promise<void> {
    const pc = session?.peerConnection;
    if (!pc || phase.value !== 'in call') return;
    const sample = sampleOf(await pc.getStats(), Date.now());
    quality.value = qualityBetween(lastSample, sample);
    lastSample = sample;
    // Only when the other side sends video (and we still do): a camera turned off sends frames too (black ones).
    if (!audioOnly.value && sample.hasInboundVideo && stall.observe(sample)) fallBackToAudio();
  }

  function fallBackToAudio(): void {
    audioOnly.value = true;
    void session?.replaceTrack('video', null);
  }

  function toggleMic(): void {
    micOn.value = !micOn.value;
    localStream.value?.getAudioTracks().forEach((t) => (t.enabled = micOn.value));
  }

  function toggleCamera(): void {
    const track = localStream.value?.getVideoTracks()[0];
    if (!track) return;
    cameraOn.value = !cameraOn.value;
    track.enabled = cameraOn.value;
    if (cameraOn.value && audioOnly.value) {
      // The person asks for video again: try once more, the stall detector watches afresh.
      audioOnly.value = false;
      stall.reset();
      void session?.replaceTrack('video', track);
    }
  }

  /** Switches microphone or camera: a new track in the local stream and on the call's sender (no renegotiation). */
  async function switchDevice(kind: 'audio' | 'video', deviceId: string): Promise<void> {
    const stream = localStream.value;
    if (!stream) return;
    let track: MediaStreamTrack;
    try {
      track = await openTrack(kind, deviceId);
    } catch (error) {
      if (kind === 'video') cameraFailure.value = error instanceof MediaOpenError ? error.failure : 'unknown';
      return;
    }
    track.enabled = kind === 'audio' ? micOn.value : cameraOn.value;
    swapTrack(stream, track);
    if (kind === 'audio') {
      microphoneId.value = deviceId;
      stopMeter();
      stopMeter = meterLevel(stream, (level) => (micLevel.value = level));
    } else {
      cameraId.value = deviceId;
      cameraFailure.value = null;
    }
    // A new MediaStream object makes the preview <video> pick the new track up.
    localStream.value = new MediaStream(stream.getTracks());
    if (kind === 'audio' || !audioOnly.value) await session?.replaceTrack(kind, track);
  }

  function end(why: CallEnding, message = ''): void {
    if (finished()) return;
    ending.value = why;
    endMessage.value = message;
    phase.value = 'ended';
    release();
  }

  function fail(reason: CallFailure): void {
    if (disposed) return;
    failure.value = reason;
    phase.value = 'failed';
    release();
  }

  /** Hangs up (the other side sees us leave) and releases the devices. */
  function leave(): void {
    end('left');
  }

  function release(): void {
    session?.close();
    session = null;
    if (ticker) clearInterval(ticker);
    if (statsTimer) clearInterval(statsTimer);
    ticker = statsTimer = null;
    stopMeter();
    stopMeter = () => undefined;
    stopStream(localStream.value);
    localStream.value = null;
    remoteStream.value = null;
  }

  if (getCurrentScope()) {
    onScopeDispose(() => {
      release();
      disposed = true;
    });
  }

  return {
    phase,
    failure,
    ending,
    endMessage,
    localStream,
    remoteStream,
    remoteName,
    cameraFailure,
    micOn,
    cameraOn,
    audioOnly,
    micLevel,
    microphones,
    cameras,
    microphoneId,
    cameraId,
    quality,
    countdown,
    prepare,
    start,
    leave,
    toggleMic,
    toggleCamera,
    switchDevice,
    refreshDevices,
  };
}

export type VideoCall = ReturnType<typeof useVideoCall>;

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
