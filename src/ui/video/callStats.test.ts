import { describe, expect, it } from 'vitest';
import { classifyQuality, qualityBetween, sampleOf, VideoStallDetector, type StatsSample } from './callStats';

const sample = (at: number, fields: Partial<StatsSample> = {}): StatsSample => ({
  at,
  roundTripTime: null,
  packetsReceived: 0,
  packetsLost: 0,
  audioBytesReceived: 0,
  videoFramesDecoded: 0,
  hasInboundVideo: true,
  ...fields,
});

describe('connection quality from round-trip time and packet loss', () => {
  it.each([
    [40, 0, 'good'],
    [250, 0.02, 'good'],
    [251, 0, 'fair'],
    [40, 0.03, 'fair'],
    [500, 0.08, 'fair'],
    [501, 0, 'poor'],
    [40, 0.09, 'poor'],
    [null, 0.2, 'poor'],
    [120, null, 'good'],
    [null, null, 'unknown'],
  ] as const)('rtt %s ms, loss %s → %s', (rtt, loss, expected) => {
    expect(classifyQuality(rtt, loss)).toBe(expected);
  });

  it('counts loss over the interval between samples, not since the call began', () => {
    const earlier = sample(0, { packetsReceived: 1000, packetsLost: 500, roundTripTime: 0.03 });
    const later = sample(2000, { packetsReceived: 1990, packetsLost: 510, roundTripTime: 0.03 });
    const reading = qualityBetween(earlier, later);
    expect(reading.packetLoss).toBeCloseTo(0.01, 5);
    expect(reading.roundTripMs).toBe(30);
    expect(reading.quality).toBe('good');
  });

  it('has no loss figure for the first sample or when nothing arrived', () => {
    expect(qualityBetween(null, sample(0, { roundTripTime: 0.6 }))).toEqual({ quality: 'poor', roundTripMs: 600, packetLoss: null });
    expect(qualityBetween(sample(0), sample(2000)).packetLoss).toBeNull();
  });
});

describe('reading a getStats report', () => {
  it('takes the round trip from the selected candidate pair and sums inbound counters', () => {
    const report = new Map<string, unknown>([
      ['T1', { id: 'T1', type: 'transport', selectedCandidatePairId: 'CP2' }],
      ['CP1', { id: 'CP1', type: 'candidate-pair', state: 'failed', currentRoundTripTime: 9 }],
      ['CP2', { id: 'CP2', type: 'candidate-pair', state: 'succeeded', nominated: true, currentRoundTripTime: 0.045 }],
      ['IA', { id: 'IA', type: 'inbound-rtp', kind: 'audio', packetsReceived: 300, packetsLost: 3, bytesReceived: 24000 }],
      ['IV', { id: 'IV', type: 'inbound-rtp', kind: 'video', packetsReceived: 900, packetsLost: 7, bytesReceived: 500000, framesDecoded: 240 }],
      ['OV', { id: 'OV', type: 'outbound-rtp', kind: 'video', packetsSent: 5000 }],
    ]);
    expect(sampleOf(report, 42)).toEqual({
      at: 42,
      roundTripTime: 0.045,
      packetsReceived: 1200,
      packetsLost: 10,
      audioBytesReceived: 24000,
      videoFramesDecoded: 240,
      hasInboundVideo: true,
    });
  });

  it('falls back to the remote RTCP round trip and tells when there is no inbound video', () => {
    const report = new Map<string, unknown>([
      ['R', { id: 'R', type: 'remote-inbound-rtp', kind: 'audio', roundTripTime: 0.2 }],
      ['IA', { id: 'IA', type: 'inbound-rtp', kind: 'audio', packetsReceived: 10, packetsLost: 0, bytesReceived: 800 }],
    ]);
    const read = sampleOf(report, 0);
    expect(read.roundTripTime).toBe(0.2);
    expect(read.hasInboundVideo).toBe(false);
  });
});

describe('video stall while audio flows', () => {
  it('reports a stall only after the whole window of frozen video with live audio', () => {
    const detector = new VideoStallDetector(10_000);
    expect(detector.observe(sample(0, { videoFramesDecoded: 100, audioBytesReceived: 1000 }))).toBe(false);
    expect(detector.observe(sample(2000, { videoFramesDecoded: 100, audioBytesReceived: 2000 }))).toBe(false);
    expect(detector.observe(sample(8000, { videoFramesDecoded: 100, audioBytesReceived: 5000 }))).toBe(false);
    expect(detector.observe(sample(10_000, { videoFramesDecoded: 100, audioBytesReceived: 6000 }))).toBe(true);
  });

  it('starts over when a frame arrives', () => {
    const detector = new VideoStallDetector(10_000);
    detector.observe(sample(0, { videoFramesDecoded: 100, audioBytesReceived: 1000 }));
    detector.observe(sample(6000, { videoFramesDecoded: 100, audioBytesReceived: 2000 }));
    detector.observe(sample(8000, { videoFramesDecoded: 101, audioBytesReceived: 3000 }));
    expect(detector.observe(sample(16_000, { videoFramesDecoded: 101, audioBytesReceived: 4000 }))).toBe(false);
    expect(detector.observe(sample(18_000, { videoFramesDecoded: 101, audioBytesReceived: 5000 }))).toBe(true);
  });

  it('does not blame video when nothing flows at all (that is a network drop)', () => {
    const detector = new VideoStallDetector(10_000);
    detector.observe(sample(0, { videoFramesDecoded: 100, audioBytesReceived: 1000 }));
    expect(detector.observe(sample(20_000, { videoFramesDecoded: 100, audioBytesReceived: 1000 }))).toBe(false);
  });

  it('forgets the history on reset', () => {
    const detector = new VideoStallDetector(10_000);
    detector.observe(sample(0, { audioBytesReceived: 1000 }));
    detector.observe(sample(9000, { audioBytesReceived: 2000 }));
    detector.reset();
    expect(detector.observe(sample(12_000, { audioBytesReceived: 3000 }))).toBe(false);
    expect(detector.observe(sample(14_000, { audioBytesReceived: 4000 }))).toBe(false);
  });
});
