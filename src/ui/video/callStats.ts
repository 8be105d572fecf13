/**
 * Connection quality and "is video flowing?" from RTCPeerConnection.getStats(), as pure functions
 * of the numbers, so the thresholds are tested without a browser. `sampleOf` reads one report;
 * the rest compares two samples taken a couple of seconds apart.
 */

/** The cumulative counters one getStats() report gives, and the current round-trip time. */
export interface StatsSample {
  at: number;
  /** Seconds, from the selected candidate pair (or the remote's RTCP report); null when not measured yet. */
  roundTripTime: number | null;
  packetsReceived: number;
  packetsLost: number;
  audioBytesReceived: number;
  videoFramesDecoded: number;
  /** False while no inbound video stream exists at all (the other side sends none). */
  hasInboundVideo: boolean;
}

export type CallQuality = 'good' | 'fair' | 'poor' | 'unknown';

/** The reading shown next to the video. */
export interface QualityReading {
  quality: CallQuality;
  roundTripMs: number | null;
  /** Share of packets lost between the two samples, 0..1; null when nothing arrived. */
  packetLoss: number | null;
}

type StatsEntry = Record<string, unknown> & { type: string; id: string };

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const optionalNum = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** Reads a getStats() report (anything iterable as `[id, stats]` pairs or as stats, e.g. a Map or RTCStatsReport). */
export function sampleOf(report: { forEach(callback: (value: unknown) => void): void }, at: number): StatsSample {
  const entries: StatsEntry[] = [];
  report.forEach((value) => {
    if (typeof value === 'object' && value !== null && 'type' in value) entries.push(value as StatsEntry);
  });
  const byId = new Map(entries.map((e) => [e.id, e]));

  let roundTripTime: number | null = null;
  const transport = entries.find((e) => e.type === 'transport' && typeof e['selectedCandidatePairId'] === 'string');
  const selectedPair =
    (transport ? byId.get(String(transport['selectedCandidatePairId'])) : undefined) ??
    entries.find((e) => e.type === 'candidate-pair' && e['state'] === 'succeeded' && e['nominated'] === true);
  if (selectedPair) roundTripTime = optionalNum(selectedPair['currentRoundTripTime']);
  if (roundTripTime === null) {
    const remote = entries.find((e) => e.type === 'remote-inbound-rtp' && optionalNum(e['roundTripTime']) !== null);
    if (remote) roundTripTime = optionalNum(remote['roundTripTime']);
  }

  const sample: StatsSample = { at, roundTripTime, packetsReceived: 0, packetsLost: 0, audioBytesReceived: 0, videoFramesDecoded: 0, hasInboundVideo: false };
  for (const e of entries) {
    if (e.type !== 'inbound-rtp') continue;
    const kind = e['kind'] ?? e['mediaType'];
    sample.packetsReceived += num(e['packetsReceived']);
    sample.packetsLost += Math.max(0, num(e['packetsLost']));
    if (kind === 'audio') sample.audioBytesReceived += num(e['bytesReceived']);
    if (kind === 'video') {
      sample.hasInboundVideo = true;
      sample.videoFramesDecoded += num(e['framesDecoded']);
    }
  }
  return sample;
}

/** Round-trip and loss thresholds (ITU-T G.114 puts 150 ms one-way, ~300 ms round trip, at the edge of natural talk). */
export const QUALITY_LIMITS = {
  good: { roundTripMs: 250, packetLoss: 0.02 },
  fair: { roundTripMs: 500, packetLoss: 0.08 },
} as const;

/** good / fair / poor from a round-trip time and a loss share; unknown with neither. The worse of the two decides. */
export function classifyQuality(roundTripMs: number | null, packetLoss: number | null): CallQuality {
  if (roundTripMs === null && packetLoss === null) return 'unknown';
  const rtt = roundTripMs ?? 0;
  const loss = packetLoss ?? 0;
  if (rtt <= QUALITY_LIMITS.good.roundTripMs && loss <= QUALITY_LIMITS.good.packetLoss) return 'good';
  if (rtt <= QUALITY_LIMITS.fair.roundTripMs && loss <= QUALITY_LIMITS.fair.packetLoss) return 'fair';
  return 'poor';
}

/** The quality between two samples (loss is counted over the interval, not since the call began). */
export function qualityBetween(previous: StatsSample | null, current: StatsSample): QualityReading {
  const roundTripMs = current.roundTripTime === null ? null : Math.round(current.roundTripTime * 1000);
  let packetLoss: number | null = null;
  if (previous) {
    const received = current.packetsReceived - previous.packetsReceived;
    const lost = current.packetsLost - previous.packetsLost;
    if (received + lost > 0) packetLoss = Math.max(0, lost) / (Math.max(0, received) + Math.max(0, lost));
  }
  return { quality: classifyQuality(roundTripMs, packetLoss), roundTripMs, packetLoss };
}

/** How long video may stand still while audio flows before the call falls back to audio only. */
export const VIDEO_STALL_MS = 10_000;

/**
 * Tracks whether inbound video is flowing. Video counts as stalled when, for `VIDEO_STALL_MS`,
 * audio bytes kept arriving (so the connection itself is alive) but no video frame was decoded —
 * the typical "bandwidth too low for video" or "video blocked on the path" case. Feed it every sample.
 */
export class VideoStallDetector {
  private lastProgress: { at: number; frames: number; audioBytes: number } | null = null;
  private stalledSince: number | null = null;

  constructor(private readonly stallMs = VIDEO_STALL_MS) {}

  /** Returns true once video has been stalled (while audio flowed) for the whole window. */
  observe(sample: StatsSample): boolean {
    const previous = this.lastProgress;
    this.lastProgress = { at: sample.at, frames: sample.videoFramesDecoded, audioBytes: sample.audioBytesReceived };
    if (!previous) return false;
    const videoAdvanced = sample.videoFramesDecoded > previous.frames;
    const audioAdvanced = sample.audioBytesReceived > previous.audioBytes;
    if (videoAdvanced || !audioAdvanced) {
      // Either video flows, or nothing flows at all (a network drop: reconnection handles that).
      this.stalledSince = null;
      return false;
    }
    this.stalledSince ??= previous.at;
    return sample.at - this.stalledSince >= this.stallMs;
  }

  /** Forget the history (after a reconnect, a device switch or video re-enabled). */
  reset(): void {
    this.lastProgress = null;
    this.stalledSince = null;
  }
}
