import Peer, { type MediaConnection, type PeerError } from 'peerjs';
import type { VideoJoinGrant } from '../../shared/domain/video/records';
import { peerOptionsFor } from './peerOptions';

/** How long ICE may stay disconnected/failed before the call counts as dropped (short blips recover by themselves). */
export const DROP_GRACE_MS = 4_000;
/** How long an outgoing call may take to connect before we stop waiting on it. */
export const CALL_CONNECT_TIMEOUT_MS = 20_000;

/** What one peer session reports to the call engine (useVideoCall). */
export interface PeerSessionEvents {
  /** The other side's media arrived (on a new call too). */
  remoteStream(stream: MediaStream): void;
  /** ICE is connected: media flows. */
  connected(): void;
  /** ICE lost the other side (no packets for a few seconds): it may come back by itself, else `dropped` follows. */
  interrupted(): void;
  /** The connection dropped and did not come back within the grace: recover with a new peer. */
  dropped(reason: string): void;
  /** The other side closed the call, or the id we called is not on the server: wait to be called. */
  remoteGone(): void;
  /** PeerJS refused this peer in a way a new grant may cure (e.g. the id was taken or revoked). */
  peerRefused(reason: string): void;
  /** Nothing a new grant can fix (no WebRTC in this browser). */
  unsupported(): void;
}

/**
 * One PeerJS peer for one grant: registers with our PeerJS server, calls the other side when the
 * grant names it, answers an incoming call with the local stream (the newest call wins: the
 * other side reconnected with a new peer), and watches the ICE state of the current call.
 * A reconnect is a new PeerSession with a new grant; this one is closed.
 */
export class PeerSession {
  private readonly peer: Peer;
  private call: MediaConnection | null = null;
  /** The current call while it is one we placed and it has not connected yet: "peer unavailable" can only be about it. */
  private dialling: MediaConnection | null = null;
  private dropTimer: ReturnType<typeof setTimeout> | null = null;
  private connectTimer: ReturnType<typeof setTimeout> | null = null;
  private signallingTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(
    grant: VideoJoinGrant,
    serverOrigin: string,
    private readonly localStream: MediaStream,
    private readonly events: PeerSessionEvents,
  ) {
    this.peer = new Peer(grant.peer.id, { ...peerOptionsFor(grant, serverOrigin), debug: 1 });
    this.peer.on('open', () => {
      if (grant.remotePeerId && !this.call) this.adopt(this.peer.call(grant.remotePeerId, this.localStream), true);
    });
    this.peer.on('call', (incoming) => {
      // Whoever joined second calls; a second incoming call means the other side came back as a new peer.
      incoming.answer(this.localStream);
      this.adopt(incoming, false);
    });
    this.peer.on('disconnected', () => this.onSignallingLost());
    this.peer.on('error', (error) => this.onPeerError(error));
  }

  /** The RTCPeerConnection of the current call, for getStats() and senders. */
  get peerConnection(): RTCPeerConnection | null {
    return this.call?.peerConnection ?? null;
  }

  /** Sends `track` (or nothing, with null) instead of the current track of `kind`; no renegotiation. */
  async replaceTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void> {
    const pc = this.peerConnection;
    if (!pc) return;
    const transceivers = pc.getTransceivers().filter((t) => (t.sender.track?.kind ?? t.receiver.track.kind) === kind);
    await Promise.all(transceivers.map((t) => t.sender.replaceTrack(track)));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.clearTimers();
    this.call?.close();
    this.call = null;
    this.peer.destroy();
  }

  private adopt(call: MediaConnection, outgoing: boolean): void {
    const previous = this.call;
    this.call = call;
    this.dialling = outgoing ? call : null;
    this.clearTimers();
    if (previous && previous !== call) previous.close();
    call.on('stream', (stream) => {
      if (this.call === call) this.events.remoteStream(stream);
    });
    call.on('close', () => {
      if (this.call !== call || this.closed) return;
      this.call = null;
      this.clearTimer('dropTimer');
      this.clearTimer('connectTimer');
      this.events.remoteGone();
      // Waiting to be called needs the signalling server: if it is lost too (e.g. the server ended
      // the interview and closed both peers), find out now rather than wait for a call that cannot come.
      if (this.peer.disconnected) this.onSignallingLost();
    });
    call.on('error', () => {
      if (this.call === call) this.scheduleDrop('the call failed');
    });
    call.on('iceStateChanged', (state) => {
      if (this.call !== call) return;
      if (state === 'connected' || state === 'completed') {
        if (this.dialling === call) this.dialling = null;
        this.clearTimer('dropTimer');
        this.clearTimer('connectTimer');
        this.events.connected();
      } else if (state === 'disconnected' || state === 'failed') {
        this.events.interrupted();
        this.scheduleDrop(`connection ${state}`);
      }
    });
    if (outgoing) {
      this.connectTimer = setTimeout(() => {
        if (this.call !== call) return;
        // The id we called never answered (gone, or revoked by its reconnect): wait to be called.
        this.call = null;
        call.close();
        this.events.remoteGone();
      }, CALL_CONNECT_TIMEOUT_MS);
    }
  }

  private scheduleDrop(reason: string): void {
    if (this.dropTimer || this.closed) return;
    this.dropTimer = setTimeout(() => {
      this.dropTimer = null;
      if (!this.closed) this.events.dropped(reason);
    }, DROP_GRACE_MS);
  }

  private onSignallingLost(): void {
    if (this.closed || this.signallingTimer) return;
    // Media may still flow peer to peer; try to get the same (still valid) id back first.
    this.signallingTimer = setTimeout(() => {
      this.signallingTimer = null;
      if (this.closed || !this.peer.disconnected) return;
      const pc = this.peerConnection;
      const mediaAlive = pc !== null && (pc.iceConnectionState === 'connected' || pc.iceConnectionState === 'completed');
      if (mediaAlive) this.peer.reconnect();
      else this.events.dropped('signalling lost');
    }, 1_000);
  }

  private onPeerError(error: PeerError<string>): void {
    if (this.closed) return;
    switch (error.type) {
      case 'peer-unavailable':
        // About the id we called; it may arrive after the other side came back and called us on
        // a new peer, and that call must not be dropped for it.
        if (!this.dialling || this.dialling !== this.call) return;
        this.call = null;
        this.dialling.close();
        this.dialling = null;
        this.clearTimer('connectTimer');
        this.events.remoteGone();
        return;
      case 'browser-incompatible':
        this.events.unsupported();
        return;
      case 'invalid-id':
      case 'unavailable-id':
      case 'invalid-key':
      case 'ssl-unavailable':
        this.events.peerRefused(error.type);
        return;
      default:
        // network, server-error, socket-error, socket-closed, disconnected, webrtc: a drop.
        this.scheduleDrop(error.type);
    }
  }

  private clearTimer(name: 'dropTimer' | 'connectTimer' | 'signallingTimer'): void {
    const timer = this[name];
    if (timer) clearTimeout(timer);
    this[name] = null;
  }

  private clearTimers(): void {
    this.clearTimer('dropTimer');
    this.clearTimer('connectTimer');
    this.clearTimer('signallingTimer');
  }
}
