import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { CANDIDATE_COOKIE } from '../../src/shared/api/portal';
import { startServer, TEST_SECRET } from '../../tests/integration/support/serverProcess';
import { buildChatWorld, type ChatWorld } from './chatWorld';
import { startEchoServer } from './echoProcess';
import { GeneratorProcess } from './generatorProcess';
import type { ConnectResult, StepResult } from './generatorProtocol';
import { loopStallTable, type StepWindow } from './loopReport';
import { processCpuMs } from './processCpu';

/**
 * `npm run bench:chat` — chat message delivery through the real FairDesk server against a bare
 * socket.io relay measured in the same run, under the same load (no wall-clock asserts; the
 * figures are printed, the goal is reported, not enforced):
 *  - 1,000 connected clients (500 conversations: a candidate with a portal session cookie and the
 *    manager who claimed the conversation, desktop token), websocket transport, all in ONE load
 *    generator process (one clock for send and receipt), the server in another — on a 2-core
 *    machine each gets a core;
 *  - latency = the sender's emit → the other side's `chat:message`, p50/p99, at fixed open-loop
 *    rates (goal: FairDesk p99 ≤ 2× the relay's), measured in ROUNDS that alternate the two
 *    systems (relay first in odd rounds, FairDesk first in even ones) and pooled per rate: the
 *    p99 of 2,000 samples on a shared 2-core machine swings by 2× from run to run, so one pass
 *    each would compare the machine's moods rather than the two servers;
 *  - the server's CPU per message (its process's user + system time over each step, from /proc):
 *    steadier from run to run than a p99, so the figure to compare changes by;
 *  - then a ramp of rising rates until a step is not sustained: the highest sustained rate is what
 *    one server process delivers.
 * FairDesk persists before it acks (SQLite in a temp data dir, the default deployment) and
 * broadcasts `chat:message` (the message with its conversation's summary) to the candidate's and
 * the employer's rooms; the relay acks and broadcasts the bare message to the same two rooms (same
 * fan-out, smaller packets).
 *
 * `BENCH_CHAT_VERSUS` puts a yardstick where FairDesk goes, measured the same way against the same
 * relay: `relay` (a second bare relay: what the method reads for two equal servers), or
 * `durable-relay` (the relay syncing each message to a file before its ack, FairDesk's sync policy
 * with nothing else: what the disk alone costs), optionally with `BENCH_CHAT_VERSUS_CPU_MS` of work
 * on its loop per message (how much work on top of the disk the goal leaves room for).
 *
 * `BENCH_CHAT_BASELINE=durable-relay` swaps the baseline itself: the relay then syncs each message
 * to a file before its ack, as FairDesk must (the issue's goal is against the bare relay; this
 * shows what FairDesk costs beyond keeping each message across a power cut).
 */
const PAIRS = Number(process.env['BENCH_CHAT_PAIRS'] ?? 500);
/** Employer-side fan-out: every chat broadcast reaches all users of the employer (10 managers → 50 employers). */
const MANAGERS_PER_EMPLOYER = Number(process.env['BENCH_CHAT_MANAGERS_PER_EMPLOYER'] ?? 10);
const LATENCY_RATES = numbers(process.env['BENCH_CHAT_RATES'] ?? '100,200,500');
const LATENCY_COUNT = Number(process.env['BENCH_CHAT_COUNT'] ?? 2000);
const ROUNDS = Number(process.env['BENCH_CHAT_ROUNDS'] ?? 3);
/** The ramp starts at the highest sustained latency rate × this and keeps multiplying until a step fails. */
const RAMP_FACTOR = 1.5;
const RAMP_MAX_STEPS = 8;
const RAMP_SECONDS = Number(process.env['BENCH_CHAT_RAMP_SECONDS'] ?? 5);
/** Set to a directory to write V8 CPU profiles of both servers there (`--cpu-prof`). */
const CPU_PROF_DIR = process.env['BENCH_CHAT_CPU_PROF'];
/** Set to a directory to log both servers' event-loop stalls and GC pauses there, counted per step after the run. */
const LOOP_LOG_DIR = process.env['BENCH_CHAT_LOOP_LOG'];
/** What is measured against the relay: FairDesk, or a yardstick (see above). */
const VERSUS = versus(process.env['BENCH_CHAT_VERSUS'] ?? 'fairdesk');
const VERSUS_CPU_MS = Number(process.env['BENCH_CHAT_VERSUS_CPU_MS'] ?? 0);
/** What everything is measured against: the bare relay (the goal's), or the durable relay (see above). */
const BASELINE = baseline(process.env['BENCH_CHAT_BASELINE'] ?? 'relay');
const BASELINE_NAME = BASELINE === 'relay' ? 'echo' : 'durable relay';

/** A step is sustained when every message is acked and delivered, on schedule, with p99 under this. */
const SUSTAINED_P99_MS = 250;
const DRAIN_MS = 5_000;
const WARM_UP = { rate: 300, count: 600 };

/** As deployed: NODE_ENV=test (vitest's) would turn on the server's development-time answer checks. */
const PRODUCTION = { NODE_ENV: 'production' };

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'fairdesk-bench-chat-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function numbers(list: string): number[] {
  return list.split(',').filter(Boolean).map(Number);
}

function baseline(name: string): 'relay' | 'durable-relay' {
  if (name === 'relay' || name === 'durable-relay') return name;
  throw new Error(`BENCH_CHAT_BASELINE must be relay or durable-relay, not ${name}`);
}

function versus(name: string): 'fairdesk' | 'relay' | 'durable-relay' {
  if (name === 'fairdesk' || name === 'relay' || name === 'durable-relay') return name;
  throw new Error(`BENCH_CHAT_VERSUS must be fairdesk, relay or durable-relay, not ${name}`);
}

/** The fixed-rate steps' time windows, for the stall report. */
const stepWindows: StepWindow[] = [];

/** A fixed-rate step with what it cost the server. */
interface MeasuredStep extends StepResult {
  /** CPU the server process used during the step (null off Linux). */
  serverCpuMs: number | null;
}

interface SystemRun {
  connect: ConnectResult;
  /** The fixed-rate steps of every round, in order. */
  latency: MeasuredStep[];
  ramp: StepResult[];
}

interface Target {
  label: string;
  url: string;
  target: 'echo' | 'fairdesk';
  /** The name its loopStalls.mjs log files start with (BENCH_CHAT_PROFILE_NAME). */
  logName: string;
  /** The server's process, for its CPU time. */
  pid: number | undefined;
}

/** Every message acked and delivered, the schedule kept (within 10 %), p99 bounded. */
function sustained(step: StepResult): boolean {
  const planned = ((step.sent - 1) / step.rate) * 1000;
  return (
    Object.keys(step.errors).length === 0 &&
    step.delivered === step.sent &&
    step.acked === step.sent &&
    step.sendSpanMs <= planned * 1.1 + 50 &&
    step.delivery.p99 <= SUSTAINED_P99_MS
  );
}

/** Connects the clients of one generator to `system` and runs `work` with them; closes the generator after. */
async function withClients<T>(system: Target, world: ChatWorld, work: (generator: GeneratorProcess, connect: ConnectResult) => Promise<T>): Promise<T> {
  const generator = await GeneratorProcess.start();
  try {
    const connect = await generator.connect({ target: system.target, url: system.url, pairs: world.pairs, fairId: world.fairId, cookieName: CANDIDATE_COOKIE, concurrency: 50 });
    console.log(`[bench:chat] ${system.label}: ${connect.sockets} clients connected in ${ms(connect.connectMs)}, conversations ready in ${ms(connect.prepareMs)}`);
    await generator.step({ ...WARM_UP, drainMs: DRAIN_MS });
    return await work(generator, connect);
  } finally {
    await generator.close();
  }
}

/** One round's fixed-rate steps against `system`. */
function latencyRound(system: Target, world: ChatWorld, round: number): Promise<{ connect: ConnectResult; steps: MeasuredStep[] }> {
  return withClients(system, world, async (generator, connect) => {
    const steps: MeasuredStep[] = [];
    for (const rate of LATENCY_RATES) {
      const from = Date.now();
      const cpuBefore = processCpuMs(system.pid);
      const step = await generator.step({ rate, count: LATENCY_COUNT, drainMs: DRAIN_MS });
      const cpuAfter = processCpuMs(system.pid);
      stepWindows.push({ system: system.label, logName: system.logName, round, rate, from, to: Date.now() });
      steps.push({ ...step, serverCpuMs: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore });
      console.log(`[bench:chat] ${system.label} (round ${round}): ${describe(step)}`);
    }
    return { connect, steps };
  });
}

/** Rising rates from `base` × 1.5 until a step is not sustained. */
function ramp(system: Target, world: ChatWorld, base: number): Promise<StepResult[]> {
  return withClients(system, world, async (generator) => {
    const steps: StepResult[] = [];
    for (let rate = Math.round(base * RAMP_FACTOR); base > 0 && steps.length < RAMP_MAX_STEPS; rate = Math.round(rate * RAMP_FACTOR)) {
      const step = await generator.step({ rate, count: Math.round(rate * RAMP_SECONDS), drainMs: DRAIN_MS });
      steps.push(step);
      console.log(`[bench:chat] ${system.label}: ${describe(step)}`);
      if (!sustained(step)) break;
    }
    return steps;
  });
}

/**
 * ROUNDS of fixed-rate steps, alternating which system goes first, then one ramp each from the
 * highest rate both rounds of a system sustained.
 */
async function measureBoth(echo: Target, fairdesk: Target, world: ChatWorld): Promise<{ echo: SystemRun; fairdesk: SystemRun }> {
  const runs = new Map<Target, SystemRun>();
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const system of round % 2 === 1 ? [echo, fairdesk] : [fairdesk, echo]) {
      const { connect, steps } = await latencyRound(system, world, round);
      const run = runs.get(system) ?? { connect, latency: [], ramp: [] };
      run.latency.push(...steps);
      runs.set(system, run);
    }
  }
  for (const system of [echo, fairdesk]) {
    const run = runs.get(system);
    if (!run) continue;
    const base = Math.max(0, ...LATENCY_RATES.filter((rate) => run.latency.filter((s) => s.rate === rate).every(sustained)));
    run.ramp = await ramp(system, world, base);
  }
  const echoRun = runs.get(echo);
  const fairdeskRun = runs.get(fairdesk);
  if (!echoRun || !fairdeskRun) throw new Error('no rounds were run (BENCH_CHAT_ROUNDS < 1)');
  return { echo: echoRun, fairdesk: fairdeskRun };
}

/** Server CPU per message sent over `steps` together (the step's drain and settle included; tiny next to the load). */
function cpuPerMessage(steps: readonly MeasuredStep[]): string {
  if (steps.length === 0 || steps.some((s) => s.serverCpuMs === null)) return '—';
  const cpu = steps.reduce((sum, s) => sum + (s.serverCpuMs ?? 0), 0);
  const sent = steps.reduce((sum, s) => sum + s.sent, 0);
  return `${(cpu / sent).toFixed(2)} ms`;
}

/** p50/p99/max of every sample of `steps` together. */
function pooled(steps: readonly StepResult[]): { p50: number; p99: number; count: number } {
  const sorted = Float64Array.from(steps.flatMap((s) => s.deliverySamples)).sort();
  const at = (q: number): number => (sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0));
  return { p50: at(0.5), p99: at(0.99), count: sorted.length };
}

const ms = (value: number): string => (value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`);

function describe(step: StepResult): string {
  const errors = Object.entries(step.errors).map(([code, n]) => `${code}×${n}`).join(' ');
  return (
    `${step.rate} msg/s: sent ${step.sent}, acked ${step.acked}, delivered ${step.delivered}` +
    `${step.undelivered > 0 ? ` (${step.undelivered} never)` : ''}${step.quiesceMs > 100 ? `, last acks ${ms(step.quiesceMs)} after the drain` : ''}` +
    `${step.settleMs > 1000 ? `, server backlog ${ms(step.settleMs)} more` : ''}` +
    `${errors ? ` (${errors})` : ''}, p50 ${ms(step.delivery.p50)}, p99 ${ms(step.delivery.p99)}, max ${ms(step.delivery.max)}, ` +
    `ack p99 ${ms(step.ack.p99)}, generator busy ${(step.generatorElu * 100).toFixed(0)} %${sustained(step) ? '' : ' — NOT sustained'}`
  );
}

/** The highest sustained ramp (or latency) step: its rate and the delivery rate actually achieved. */
function sustainedRate(run: SystemRun): string {
  const ok = [...run.latency, ...run.ramp].filter(sustained).sort((a, b) => b.rate - a.rate)[0];
  if (!ok) return 'none of the steps';
  const achieved = (ok.delivered / ok.spanMs) * 1000;
  const last = run.ramp[run.ramp.length - 1];
  const capped = last && sustained(last) ? ` (the ramp's top step: at least this)` : '';
  const generatorBound = ok.generatorElu > 0.9 ? ', generator saturated' : '';
  return `${ok.rate.toLocaleString('en')} msg/s${capped} — ${achieved.toFixed(0)} delivered/s, p99 ${ms(ok.delivery.p99)}${generatorBound}`;
}

/** The report; `name` is what ran against the relay (FairDesk or a yardstick). */
function table(echo: SystemRun, fairdesk: SystemRun, name: string): string {
  const rows: string[] = [];
  const cell = (s: StepResult | undefined): string => (s ? `${ms(s.delivery.p50)} / ${ms(s.delivery.p99)}${sustained(s) ? '' : ' ✗'}` : '—');
  for (const rate of LATENCY_RATES) {
    const e = echo.latency.filter((s) => s.rate === rate);
    const f = fairdesk.latency.filter((s) => s.rate === rate);
    const pe = pooled(e);
    const pf = pooled(f);
    const ratio = pf.p99 / pe.p99;
    const perRound = f.map((step, i) => {
      const other = e[i];
      return other ? `${(step.delivery.p99 / other.delivery.p99).toFixed(1)}×` : '—';
    });
    const allSustained = [...e, ...f].every(sustained);
    rows.push(
      `| ${rate.toLocaleString('en')} | ${ms(pe.p50)} / ${ms(pe.p99)} | ${ms(pf.p50)} / ${ms(pf.p99)}${allSustained ? '' : ' ✗'} | ${perRound.join(' · ')} | ${ratio.toFixed(2)}× | **${ratio <= 2 ? 'met' : 'missed'}** | ${cpuPerMessage(e)} / ${cpuPerMessage(f)} |`,
    );
  }
  const rampRates = [...new Set([...echo.ramp, ...fairdesk.ramp].map((s) => s.rate))].sort((a, b) => a - b);
  for (const rate of rampRates) {
    const e = echo.ramp.find((s) => s.rate === rate);
    const f = fairdesk.ramp.find((s) => s.rate === rate);
    const ratio = e && f ? `${(f.delivery.p99 / e.delivery.p99).toFixed(2)}×` : '—';
    rows.push(`| ${rate.toLocaleString('en')} (ramp) | ${cell(e)} | ${cell(f)} | — | ${ratio} | — | — |`);
  }
  return [
    '',
    `${name === 'FairDesk' ? 'FairDesk chat benchmark' : `Chat benchmark, yardstick: ${name}`}${BASELINE === 'relay' ? '' : ', against the durable relay (not the goal\'s bare relay)'} (${ROUNDS} alternating rounds of ${LATENCY_COUNT.toLocaleString('en')} messages per rate and system, pooled; ${PAIRS * 2} clients = ${PAIRS} conversations, ${MANAGERS_PER_EMPLOYER} managers per employer, websocket, loopback)`,
    '',
    `| rate (msg/s) | ${BASELINE_NAME} p50 / p99 | ${name} p50 / p99 | p99 ratio per round | p99 ratio pooled | goal ≤ 2× | server CPU per message, ${BASELINE_NAME} / ${name} |`,
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `✗: a step not sustained (not every message acked and delivered on schedule with p99 ≤ ${SUSTAINED_P99_MS} ms). The ramp (×${RAMP_FACTOR} from the highest fixed rate sustained in every round, ${RAMP_SECONDS} s a step) stops at the first one.`,
    '',
    `Sustained by one process — ${BASELINE_NAME}: ${sustainedRate(echo)}; ${name}: ${sustainedRate(fairdesk)}.`,
    `Packet — one \`chat:message\` payload: ${BASELINE_NAME} ${messageBytes(echo)} bytes, ${name} ${messageBytes(fairdesk)} bytes (JSON; written to each of the ${MANAGERS_PER_EMPLOYER + 1} recipients' sockets).`,
    `Setup — ${BASELINE_NAME}: ${echo.connect.sockets} clients connected in ${ms(echo.connect.connectMs)}; ${name}: ${fairdesk.connect.sockets} clients in ${ms(fairdesk.connect.connectMs)}${VERSUS === 'fairdesk' ? `, ${PAIRS} conversations opened and claimed in ${ms(fairdesk.connect.prepareMs)}` : ''}.`,
    '',
  ].join('\n');
}

/** The payload size the system's first latency step sampled. */
function messageBytes(run: SystemRun): string {
  return (run.latency[0]?.messageBytes ?? 0).toLocaleString('en');
}

it('chat benchmark', async () => {
  const dataDir = path.join(work, 'server');
  const seeding = await startServer({ dataDir, seed: true });
  await seeding.stop();
  const world = await buildChatWorld(dataDir, { pairs: PAIRS, managersPerEmployer: MANAGERS_PER_EMPLOYER, secret: TEST_SECRET });
  // Node refuses --cpu-prof in NODE_OPTIONS (the only way into startServer): preloads observe instead.
  const profiler = (name: string): Record<string, string> => {
    const env: Record<string, string> = { BENCH_CHAT_PROFILE_NAME: name };
    const preloads: string[] = [];
    if (CPU_PROF_DIR) {
      preloads.push('cpuProfiler.mjs');
      env['BENCH_CHAT_CPU_PROF'] = path.resolve(CPU_PROF_DIR);
    }
    if (LOOP_LOG_DIR) {
      preloads.push('loopStalls.mjs');
      env['BENCH_CHAT_LOOP_LOG'] = path.resolve(LOOP_LOG_DIR);
    }
    if (preloads.length > 0) env['NODE_OPTIONS'] = preloads.map((file) => `--import ${pathToFileURL(path.join(__dirname, file)).href}`).join(' ');
    return env;
  };

  /** FairDesk as deployed, or the yardstick BENCH_CHAT_VERSUS names, where FairDesk goes. */
  const startMeasured = async (): Promise<Target & { stop(): Promise<void> }> => {
    if (VERSUS === 'fairdesk') {
      const server = await startServer({ dataDir, seed: false, secret: TEST_SECRET, env: { ...PRODUCTION, ...profiler('fairdesk') } });
      return { label: 'FairDesk', url: server.url, target: 'fairdesk', logName: 'fairdesk', pid: server.proc.pid, stop: async () => void (await server.stop()) };
    }
    const durable = VERSUS === 'durable-relay';
    const relay = await startEchoServer({
      ...profiler('yardstick'),
      ...(durable ? { ECHO_DURABLE_FILE: path.join(work, 'durable-relay.log') } : {}),
      ECHO_CPU_MS: String(VERSUS_CPU_MS),
    });
    const label = `${durable ? 'durable relay' : 'relay B'}${VERSUS_CPU_MS > 0 ? ` + ${VERSUS_CPU_MS} ms CPU` : ''}`;
    return { label, url: relay.url, target: 'echo', logName: 'yardstick', pid: relay.pid, stop: () => relay.stop() };
  };

  const echoServer = await startEchoServer({
    ...profiler('echo'),
    ...(BASELINE === 'durable-relay' ? { ECHO_DURABLE_FILE: path.join(work, 'baseline-durable-relay.log') } : {}),
  });
  let measured: { echo: SystemRun; fairdesk: SystemRun };
  let name: string;
  try {
    const other = await startMeasured();
    name = other.label;
    try {
      measured = await measureBoth({ label: 'echo', url: echoServer.url, target: 'echo', logName: 'echo', pid: echoServer.pid }, other, world);
    } finally {
      await other.stop();
    }
  } finally {
    await echoServer.stop();
  }
  const { echo, fairdesk } = measured;

  expect(echo.connect.sockets).toBe(PAIRS * 2);
  expect(fairdesk.connect.sockets).toBe(PAIRS * 2);
  console.log(table(echo, fairdesk, name));
  if (LOOP_LOG_DIR) console.log(loopStallTable(path.resolve(LOOP_LOG_DIR), stepWindows));
});
