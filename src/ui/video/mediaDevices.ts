import { MediaOpenError, mediaFailureOf } from './mediaFailure';

/** The camera and microphone: opening them with classified errors, listing them, swapping one. */

export interface DeviceChoice {
  audioDeviceId?: string | null;
  videoDeviceId?: string | null;
}

const constraintsFor = (choice: DeviceChoice): MediaStreamConstraints => ({
  audio: choice.audioDeviceId ? { deviceId: { exact: choice.audioDeviceId }, echoCancellation: true, noiseSuppression: true } : { echoCancellation: true, noiseSuppression: true },
  video: choice.videoDeviceId ? { deviceId: { exact: choice.videoDeviceId }, width: { ideal: 1280 }, height: { ideal: 720 } } : { width: { ideal: 1280 }, height: { ideal: 720 } },
});

async function getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream> {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia) throw new MediaOpenError('unsupported');
  try {
    return await navigator.mediaDevices.getUserMedia(constraints);
  } catch (error) {
    throw new MediaOpenError(mediaFailureOf(error), error);
  }
}

/**
 * Opens camera and microphone together. When there is no camera (or it is busy) but a microphone
 * works, answers the audio-only stream and says why video is missing: an interview by voice beats none.
 */
export async function openLocalMedia(choice: DeviceChoice = {}): Promise<{ stream: MediaStream; videoFailure: MediaOpenError | null }> {
  try {
    return { stream: await getUserMedia(constraintsFor(choice)), videoFailure: null };
  } catch (error) {
    if (!(error instanceof MediaOpenError) || error.failure === 'denied' || error.failure === 'unsupported') throw error;
    // Try the microphone alone; if that fails too, the first (combined) reason is the one to show.
    const audioOnly = await getUserMedia({ audio: constraintsFor(choice).audio ?? true, video: false }).catch(() => null);
    if (!audioOnly) throw error;
    return { stream: audioOnly, videoFailure: error };
  }
}

/** Opens one device of one kind (for switching during the call). */
export async function openTrack(kind: 'audio' | 'video', deviceId: string): Promise<MediaStreamTrack> {
  const all = constraintsFor(kind === 'audio' ? { audioDeviceId: deviceId } : { videoDeviceId: deviceId });
  const stream = await getUserMedia(kind === 'audio' ? { audio: all.audio ?? true } : { video: all.video ?? true });
  const track = stream.getTracks()[0];
  if (!track) throw new MediaOpenError('missing');
  return track;
}

export interface MediaDeviceOption {
  deviceId: string;
  label: string;
}

/** Microphones and cameras; labels are empty until permission was granted, so they are numbered then. */
export async function listDevices(): Promise<{ microphones: MediaDeviceOption[]; cameras: MediaDeviceOption[] }> {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices?.enumerateDevices) return { microphones: [], cameras: [] };
  const devices = await navigator.mediaDevices.enumerateDevices();
  const of = (kind: MediaDeviceKind, fallback: string): MediaDeviceOption[] =>
    devices.filter((d) => d.kind === kind && d.deviceId !== '').map((d, i) => ({ deviceId: d.deviceId, label: d.label || `${fallback} ${i + 1}` }));
  return { microphones: of('audioinput', 'Microphone'), cameras: of('videoinput', 'Camera') };
}

/** Puts `track` into `stream` in place of the old track of its kind (stopping that one). */
export function swapTrack(stream: MediaStream, track: MediaStreamTrack): void {
  for (const old of stream.getTracks().filter((t) => t.kind === track.kind)) {
    stream.removeTrack(old);
    old.stop();
  }
  stream.addTrack(track);
}

export const stopStream = (stream: MediaStream | null): void => stream?.getTracks().forEach((t) => t.stop());

/**
 * A microphone level meter (0..1, RMS of the waveform) for the device check. Calls `onLevel`
 * about ten times a second until stopped.
 */
export function meterLevel(stream: MediaStream, onLevel: (level: number) => void): () => void {
  const AudioContextClass = typeof window === 'undefined' ? undefined : window.AudioContext;
  if (!AudioContextClass || stream.getAudioTracks().length === 0) return () => undefined;
  const context = new AudioContextClass();
  const source = context.createMediaStreamSource(stream);
  const analyser = context.createAnalyser();
  analyser.fftSize = 512;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  const timer = window.setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const s of samples) sum += s * s;
    // RMS of speech at a normal distance is ~0.05–0.2: scale so that reads as a clearly visible bar.
    onLevel(Math.min(1, Math.sqrt(sum / samples.length) * 5));
  }, 100);
  return () => {
    window.clearInterval(timer);
    source.disconnect();
    void context.close();
  };
}
