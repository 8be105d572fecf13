import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import express from 'express';
import type * as PeerModule from 'peer' with { 'resolution-mode': 'import' };
import { afterAll, expect, it } from 'vitest';
import { CANDIDATE_COOKIE } from '../../src/shared/api/portal';
import { CandidateVideoInterviewsResponse, videoRoutes } from '../../src/shared/api/video';
import { DEMO_CANDIDATES } from '../../src/server/seed/demoCandidates';
import { signInCandidate } from '../../tests/integration/support/candidatePortal';
import { REPO_ROOT, startServer, type RunningServer } from '../../tests/integration/support/serverProcess';
import { startSmtpSink, type SmtpSink } from '../../tests/integration/support/smtpSink';
import { loginAs } from '../../tests/integration/support/syncClient';

/**
 * `npm run bench:video` — time from *Join* to the first remote video frame, FairDesk against bare
 * PeerJS, in one run, between the same two Chromium pages (fake camera and microphone):
 *  - FairDesk: the real server process with the demo world (manager1 and the demo candidate's
 *    booked interview, joinable at once). *Join* = POST the join grant (the manager with its
 *    bearer token, the candidate with its portal session cookie), then a PeerJS peer with the
 *    granted id and token on the server's gated PeerJS server; the candidate (second to join)
 *    calls the manager's current peer id from its grant.
 *  - Bare PeerJS: a plain `ExpressPeerServer` (peer 1.0.2) on a plain Express app in this process;
 *    *Join* = a PeerJS peer with a random id; the candidate calls the manager's id.
 * The same page script does the rest for both (getUserMedia once per page; answer / call; the
 * first frame is the remote <video>'s first requestVideoFrameCallback). Measured: from the
 * candidate's *Join* to its first remote frame, and to the moment BOTH sides have a remote frame.
 * Calls alternate (bare, FairDesk, bare, …) so the machine's moods hit both alike. The figures are
 * printed; the goal (FairDesk ≤ 1.5× bare) is reported, not enforced.
 */
const CALLS = Number(process.env['BENCH_VIDEO_CALLS'] ?? 10);
const GOAL = 1.5;
const BENCH_PATH = '/__video-bench/';

const peerjsBundle = fs.readFileSync(path.join(REPO_ROOT, 'node_modules/peerjs/dist/peerjs.min.js'), 'utf8');

/** The page both systems run: PeerJS, the local stream and the two roles. */
const BENCH_PAGE = `<!doctype html><meta charset="utf-8"><title>video bench</title>
<video id="remote" autoplay playsinline muted></video>
<script>window.BENCH_DEBUG = ${process.env["BENCH_VIDEO_DEBUG"] ? "true" : "false"};</script><script src="${BENCH_PATH}peerjs.min.js"></script>
<script>
const PeerClass = window.peerjs?.Peer ?? window.peerjs?.default ?? window.Peer;
const state = { stream: null, peer: null, firstFrameAt: null };
window.bench = {
  async prepare() { state.stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true }); },
  reset() { state.peer?.destroy(); state.peer = null; state.firstFrameAt = null; const v = document.getElementById('remote'); v.srcObject = null; },
  firstFrameAt() { return state.firstFrameAt; },
  /** Join: a grant (FairDesk) or a fixed id (bare), then the peer is open. Returns the join instant and the remote id. */
  async join(input) {
    const joinedAt = Date.now();
    let id = input.peerId; let options = input.options; let remote = null;
    if (input.grantUrl) {
      const res = await fetch(input.grantUrl, { method: 'POST', credentials: 'include', headers: input.token ? { authorization: 'Bearer ' + input.token } : {} });
      if (!res.ok) throw new Error('join refused: ' + res.status + ' ' + await res.text());
      const grant = await res.json();
      id = grant.peer.id; remote = grant.remotePeerId;
      options = { ...options, key: grant.peerServer.key, token: grant.peer.token, path: '/' + grant.peerServer.path.replace(/^\\/+/, ''), config: { iceServers: grant.iceServers } };
    }
    const peer = new PeerClass(id, { ...options, debug: window.BENCH_DEBUG ? 3 : 0 });
    state.peer = peer;
    await new Promise((resolve, reject) => { peer.once('open', resolve); peer.once('error', (e) => reject(new Error((input.grantUrl ? 'FairDesk' : 'bare') + ' peer ' + id + ': ' + e.message))); });
    peer.on('call', (call) => { call.answer(state.stream); watch(call); });
    return { joinedAt, id, remote };
  },
  call(remoteId) { watch(state.peer.call(remoteId, state.stream)); },
};
function watch(call) {
  let attached = false;
  call.on('stream', (remote) => {
    if (attached) return; // peerjs fires 'stream' once per track
    attached = true;
    const v = document.getElementById('remote');
    v.srcObject = remote;
    void v.play().catch(() => undefined);
    v.requestVideoFrameCallback(() => { if (state.firstFrameAt === null) state.firstFrameAt = Date.now(); });
  });
}
</script>`;

interface JoinInput {
  grantUrl?: string;
  token?: string;
  peerId?: string;
  options: { host: string; port: number; path: string; secure: boolean; key: string };
}
interface Joined {
  joinedAt: number;
  id: string;
  remote: string | null;
}
interface CallTimes {
  /** The candidate's Join → its first remote frame. */
  candidateMs: number;
  /** The candidate's Join → both sides have a remote frame. */
  bothMs: number;
}

function chromiumPath(): string {
  return process.env['CHROMIUM_PATH'] ?? execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
}

/** Serves the bench page and the PeerJS bundle at `origin` (by interception: the page's origin is the server's). */
async function openBenchPage(browser: Browser, origin: string, cookie?: { name: string; value: string }): Promise<Page> {
  const context = await browser.newContext();
  if (cookie) await context.addCookies([{ ...cookie, url: origin, httpOnly: true, sameSite: 'Lax' }]);
  const page = await context.newPage();
  if (process.env['BENCH_VIDEO_DEBUG']) page.on('console', (m) => console.log(origin, m.type(), m.text()));
  await page.route(`${origin}${BENCH_PATH}**`, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname.endsWith('peerjs.min.js')) return route.fulfill({ body: peerjsBundle, contentType: 'text/javascript' });
    return route.fulfill({ body: BENCH_PAGE, contentType: 'text/html' });
  });
  await page.goto(`${origin}${BENCH_PATH}`);
  await page.evaluate(() => (window as unknown as { bench: { prepare(): Promise<void> } }).bench.prepare());
  return page;
}

const bench = (page: Page) => ({
  reset: () => page.evaluate(() => (window as unknown as { bench: { reset(): void } }).bench.reset()),
  join: (input: JoinInput) => page.evaluate((i) => (window as unknown as { bench: { join(i: JoinInput): Promise<Joined> } }).bench.join(i), input),
  call: (remote: string) => page.evaluate((r) => (window as unknown as { bench: { call(r: string): void } }).bench.call(r), remote),
  firstFrameAt: () => page.evaluate(() => (window as unknown as { bench: { firstFrameAt(): number | null } }).bench.firstFrameAt()),
});

async function waitForFrame(page: Page): Promise<number> {
  const b = bench(page);
  for (let waited = 0; waited < 30_000; waited += 20) {
    const at = await b.firstFrameAt();
    if (at !== null) return at;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('no remote frame within 30 s');
}

/** One call: the manager joins (and waits to be called), then the candidate joins and calls. */
async function oneCall(manager: Page, candidate: Page, managerInput: JoinInput, candidateInput: JoinInput): Promise<CallTimes> {
  const [m, c] = [bench(manager), bench(candidate)];
  await m.reset();
  await c.reset();
  const managerJoined = await m.join(managerInput);
  const candidateJoined = await c.join(candidateInput);
  await c.call(candidateJoined.remote ?? managerJoined.id);
  const [candidateFrame, managerFrame] = await Promise.all([waitForFrame(candidate), waitForFrame(manager)]);
  return { candidateMs: candidateFrame - candidateJoined.joinedAt, bothMs: Math.max(candidateFrame, managerFrame) - candidateJoined.joinedAt };
}

async function startBarePeerServer(): Promise<{ port: number; close(): Promise<void> }> {
  const { ExpressPeerServer } = createRequire(__filename)('peer') as typeof PeerModule;
  const app = express();
  const server = http.createServer(app);
  app.use('/peerjs', ExpressPeerServer(server, { path: '/', key: 'peerjs' }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
const p90 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.9) - 1)] ?? 0;

let browser: Browser | undefined;
let server: RunningServer | undefined;
let sink: SmtpSink | undefined;
let bare: { port: number; close(): Promise<void> } | undefined;
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await sink?.stop();
  await bare?.close();
});

it(`Join → first remote frame over ${CALLS} calls: FairDesk vs bare PeerJS`, async () => {
  sink = await startSmtpSink();
  server = await startServer({ env: { FAIRDESK_SEED: 'demo+video', FAIRDESK_SMTP_URL: sink.url, NODE_ENV: 'production' } });
  await sink.waitFor(DEMO_CANDIDATES.length, 30_000); // the seed's invitation mails, before any sign-in link
  bare = await startBarePeerServer();
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox', '--disable-gpu', '--no-first-run',
      '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required',
      // The bench page is fulfilled by interception (no network response), which Chromium's local
      // network access checks treat as a public page: its WebSocket to 127.0.0.1 would be blocked.
      '--disable-features=LocalNetworkAccessChecks',
    ],
  });

  const [first] = DEMO_CANDIDATES;
  const manager1 = await loginAs(server.url, 'manager1@kazlogistics.demo');
  const candidate = await signInCandidate(server.url, sink, first.email, first.name);
  const listed = await fetch(`${server.url}${videoRoutes.candidateInterviews.path}`, { headers: { cookie: candidate.cookie } });
  const { interviews } = CandidateVideoInterviewsResponse.parse(await listed.json());
  const interview = interviews.find((i) => i.state === 'booked');
  if (!interview) throw new Error(`the demo candidate has no booked interview: ${JSON.stringify(interviews)}`);

  const fairdeskUrl = new URL(server.url);
  const fairdeskOptions = { host: fairdeskUrl.hostname, port: Number(fairdeskUrl.port), path: '/peerjs', secure: false, key: '' };
  const bareOrigin = `http://127.0.0.1:${bare.port}`;
  const bareOptions = { host: '127.0.0.1', port: bare.port, path: '/peerjs', secure: false, key: 'peerjs' };
  const session = { name: CANDIDATE_COOKIE, value: candidate.cookie.slice(`${CANDIDATE_COOKIE}=`.length) };
  const pages = {
    fairdesk: { manager: await openBenchPage(browser, server.url), candidate: await openBenchPage(browser, server.url, session) },
    bare: { manager: await openBenchPage(browser, bareOrigin), candidate: await openBenchPage(browser, bareOrigin) },
  };

  const runs = { fairdesk: [] as CallTimes[], bare: [] as CallTimes[] };
  const fairdeskCall = () =>
    oneCall(
      pages.fairdesk.manager,
      pages.fairdesk.candidate,
      { grantUrl: `${server?.url}${videoRoutes.employerJoin.path.replace(':id', interview.id)}`, token: manager1.token, options: fairdeskOptions },
      { grantUrl: `${server?.url}${videoRoutes.candidateJoin.path.replace(':id', interview.id)}`, options: fairdeskOptions },
    );
  // Random ids like FairDesk's (PeerJS refuses some characters and sequences in ids).
  const bareId = (): string => crypto.randomBytes(16).toString('hex');
  const bareCall = () => oneCall(pages.bare.manager, pages.bare.candidate, { peerId: bareId(), options: bareOptions }, { peerId: bareId(), options: bareOptions });

  // One warm-up call each (JIT, first getStats, first ICE gathering), not counted.
  await bareCall();
  await fairdeskCall();
  for (let n = 0; n < CALLS; n += 1) {
    if (n % 2 === 0) {
      runs.bare.push(await bareCall());
      runs.fairdesk.push(await fairdeskCall());
    } else {
      runs.fairdesk.push(await fairdeskCall());
      runs.bare.push(await bareCall());
    }
  }

  const row = (label: string, pick: (t: CallTimes) => number): string => {
    const f = runs.fairdesk.map(pick);
    const b = runs.bare.map(pick);
    const ratio = median(f) / median(b);
    return `| ${label} | ${median(f).toFixed(0)} ms (p90 ${p90(f).toFixed(0)}) | ${median(b).toFixed(0)} ms (p90 ${p90(b).toFixed(0)}) | **${ratio.toFixed(2)}×** (≤ ${GOAL}×${ratio <= GOAL ? ', met' : ', NOT met'}) |`;
  };
  console.log(
    [
      '',
      `Video: Join → first remote frame, ${CALLS} calls each (medians), two Chromium pages with fake media`,
      '| measurement | FairDesk (join grant + gated PeerJS) | bare PeerJS | ratio (goal) |',
      '| --- | --- | --- | --- |',
      row("candidate's Join → its first remote frame", (t) => t.candidateMs),
      row("candidate's Join → both sides have a frame", (t) => t.bothMs),
      '',
      `FairDesk per call (ms): ${runs.fairdesk.map((t) => t.candidateMs).join(', ')}`,
      `bare per call (ms):     ${runs.bare.map((t) => t.candidateMs).join(', ')}`,
      '',
    ].join('\n'),
  );
  expect(runs.fairdesk).toHaveLength(CALLS);
  expect(runs.bare).toHaveLength(CALLS);
});
