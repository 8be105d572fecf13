import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_SERVER_PORT } from '../shared/api/http';
import type { IceServer } from '../shared/domain/video/records';
import { IceServersJson } from './video/iceServers';

/**
 * Sync server configuration, read once from environment variables at start.
 *
 * | variable | default | meaning |
 * | --- | --- | --- |
 * | `FAIRDESK_HOST` | `127.0.0.1` | interface to listen on (`0.0.0.0` to serve a network) |
 * | `FAIRDESK_PORT` | `4400` | TCP port; `0` picks any free port (the `listening` log line says which) |
 * | `FAIRDESK_DATA_DIR` | `.data/server` under the working directory | holds the SQLite file `fairdesk.sqlite` (WAL mode) |
 * | `DATABASE_URL` | unset | `postgres://user:pass@host:5432/db` — use PostgreSQL instead of the SQLite file |
 * | `REDIS_URL` | unset | `redis://host:6379` — several server processes share socket.io pokes through Redis Streams (use with `DATABASE_URL`) |
 * | `FAIRDESK_SECRET` | required in production | at least 32 characters; pepper for session-token hashes and signed candidate links. Changing it signs everybody out |
 * | `FAIRDESK_SEED` | unset | `demo` seeds the demo world into an **empty** database; `demo+video` adds the video-interview demo (a fair that ended yesterday, interviews booked from 3 minutes after the seed). `--dev` seeds both |
 * | `FAIRDESK_SESSION_TTL_HOURS` | `720` (30 days) | lifetime of a desktop session token |
 * | `LOG_LEVEL` | `info` | pino level: `fatal`, `error`, `warn`, `info`, `debug`, `trace`, `silent` |
 * | `FAIRDESK_PORTAL_DIR` | `out/portal` of the build | built candidate portal served at `/` (skipped when missing) |
 * | `FAIRDESK_SMTP_URL` | unset | `smtp://user:pass@mail.example:587` (STARTTLS when offered) or `smtps://…:465` (TLS): send e-mail. Unset: mails are kept in the outbox with status `held`, visible to the centre's moderators |
 * | `FAIRDESK_MAIL_FROM` | `FairDesk <no-reply@localhost>` | sender of every e-mail |
 * | `FAIRDESK_PUBLIC_URL` | the server's own URL | `https://fairs.example.kz`: base of every link in e-mails (what candidates and employers reach the server by) |
 * | `FAIRDESK_DIGEST_INTERVAL_MINUTES` | `60` | how often employers get the digest of new responses (one mail per admin/manager per run, none when nothing is new); fractions allowed, 0.05 … 10080 |
 * | `FAIRDESK_ICE_SERVERS` | `[]` | JSON array of ICE servers for video calls, e.g. `[{"urls":"stun:stun.example.org:3478"},{"urls":"turn:turn.example.org:3478","username":"u","credential":"p"}]`; empty = host candidates only (LAN) |
 * | `FAIRDESK_TEST_CLOCK` | unset | tests only: `ipc` lets the parent process set the video interviews' clock over its IPC channel (see `serverClock.ts`); refused without that channel |
 * | `FAIRDESK_TEST_CLOCK_AT` | unset | tests only, with `FAIRDESK_TEST_CLOCK=ipc`: epoch ms that clock starts at; the demo seed books its interviews from it |
 *
 * `node out/node/server/main.js` is production mode: it refuses to start (exit code 2) without a
 * proper `FAIRDESK_SECRET` and seeds only when `FAIRDESK_SEED=demo`. With `--dev` (what `npm start`
 * uses) a well-known development secret is allowed and the demo world is seeded into an empty database.
 */
export interface ServerConfig {
  mode: 'production' | 'dev';
  host: string;
  port: number;
  dataDir: string;
  /** `postgres://…` when set; otherwise the SQLite file in `dataDir` is used. */
  databaseUrl: string | null;
  /** `redis://…` when set: socket.io fans pokes out through Redis to the other server processes. */
  redisUrl: string | null;
  secret: string;
  seedDemo: boolean;
  /** Seed also the video-interview demo (with `seedDemo`): `--dev` or FAIRDESK_SEED=demo+video. */
  seedVideoDemo: boolean;
  sessionTtlMs: number;
  logLevel: LogLevel;
  portalDir: string;
  /** `smtp://…` / `smtps://…` when set; otherwise mails are held in the outbox. */
  smtpUrl: string | null;
  mailFrom: string;
  /** Base of links in e-mails, without a trailing slash; null = the server's own URL. */
  publicUrl: string | null;
  /** Interval of the response digest job (FAIRDESK_DIGEST_INTERVAL_MINUTES), in ms. */
  digestIntervalMs: number;
  /** STUN/TURN servers every video join grant carries (FAIRDESK_ICE_SERVERS); [] = host candidates only. */
  iceServers: IceServer[];
}

export type LogLevel = z.infer<typeof LogLevelSchema>;
const LogLevelSchema = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** Public on purpose: only `--dev` accepts it, and production refuses it. */
export const DEV_SECRET = 'fairdesk-dev-secret-do-not-use-in-production';
export const MIN_SECRET_LENGTH = 32;

/** Raised for configuration a server must not start with; `main` prints `message` and exits 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const emptyAsUndefined = (value: unknown): unknown => (value === '' ? undefined : value);

const EnvSchema = z.object({
  FAIRDESK_HOST: z.preprocess(emptyAsUndefined, z.string().min(1).default('127.0.0.1')),
  FAIRDESK_PORT: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(0).max(65535).default(DEFAULT_SERVER_PORT),
  ),
  FAIRDESK_DATA_DIR: z.preprocess(emptyAsUndefined, z.string().optional()),
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
  ),
  REDIS_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// URL')
      .optional(),
  ),
  FAIRDESK_SECRET: z.preprocess(emptyAsUndefined, z.string().optional()),
  FAIRDESK_SEED: z.preprocess(emptyAsUndefined, z.enum(['demo', 'demo+video']).optional()),
  FAIRDESK_SESSION_TTL_HOURS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().positive().max(24 * 365).default(720),
  ),
  LOG_LEVEL: z.preprocess(emptyAsUndefined, LogLevelSchema.default('info')),
  FAIRDESK_PORTAL_DIR: z.preprocess(emptyAsUndefined, z.string().optional()),
  FAIRDESK_SMTP_URL: z.preprocess(emptyAsUndefined, z.string().regex(/^smtps?:\/\/[^/]/, 'must be an smtp:// or smtps:// URL').optional()),
  FAIRDESK_MAIL_FROM: z.preprocess(emptyAsUndefined, z.string().min(3).default('FairDesk <no-reply@localhost>')),
  FAIRDESK_PUBLIC_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/ }).optional()),
  FAIRDESK_ICE_SERVERS: z.preprocess(emptyAsUndefined, IceServersJson.optional()),
  FAIRDESK_DIGEST_INTERVAL_MINUTES: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().min(0.05, 'must be at least 0.05 (3 seconds)').max(7 * 24 * 60, 'must be at most 10080 (a week)').default(60),
  ),
});

export interface LoadConfigOptions {
  /** `--dev`: allow the development secret and seed the demo world into an empty database. */
  dev: boolean;
  cwd?: string;
  /** Where the built portal lives by default; `main` passes its own location. */
  defaultPortalDir?: string;
}

/**
 * Validates `env` and returns the server's configuration.
 * @throws ConfigError with a one-line, user-facing message when a value is invalid or the secret
 * is missing, too short or the development default outside `--dev`.
 */
export function loadConfig(env: NodeJS.ProcessEnv, options: LoadConfigOptions): ServerConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.join('.') ?? 'environment';
    throw new ConfigError(`Invalid ${where}: ${first?.message ?? 'invalid value'}`);
  }
  const e = parsed.data;
  const cwd = options.cwd ?? process.cwd();
  const secret = resolveSecret(e.FAIRDESK_SECRET, options.dev);
  return {
    mode: options.dev ? 'dev' : 'production',
    host: e.FAIRDESK_HOST,
    port: e.FAIRDESK_PORT,
    dataDir: path.resolve(cwd, e.FAIRDESK_DATA_DIR ?? path.join('.data', 'server')),
    databaseUrl: e.DATABASE_URL ?? null,
    redisUrl: e.REDIS_URL ?? null,
    secret,
    seedDemo: options.dev || e.FAIRDESK_SEED !== undefined,
    seedVideoDemo: options.dev || e.FAIRDESK_SEED === 'demo+video',
    sessionTtlMs: Math.round(e.FAIRDESK_SESSION_TTL_HOURS * 3_600_000),
    logLevel: e.LOG_LEVEL,
    portalDir: path.resolve(
      cwd,
      e.FAIRDESK_PORTAL_DIR ?? options.defaultPortalDir ?? path.join('out', 'portal'),
    ),
    smtpUrl: e.FAIRDESK_SMTP_URL ?? null,
    mailFrom: e.FAIRDESK_MAIL_FROM,
    publicUrl: e.FAIRDESK_PUBLIC_URL?.replace(/\/+$/, '') ?? null,
    digestIntervalMs: Math.round(e.FAIRDESK_DIGEST_INTERVAL_MINUTES * 60_000),
    iceServers: e.FAIRDESK_ICE_SERVERS ?? [],
  };
}

function resolveSecret(given: string | undefined, dev: boolean): string {
  if (given === undefined) {
    if (dev) return DEV_SECRET;
    throw new ConfigError(
      `FAIRDESK_SECRET is not set: set it to a random string of at least ${MIN_SECRET_LENGTH} characters (e.g. \`openssl rand -base64 48\`).`,
    );
  }
  if (given === DEV_SECRET && !dev) {
    throw new ConfigError(
      'FAIRDESK_SECRET is the public development secret: set a random string of your own for production.',
    );
  }
  if (given.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(
      `FAIRDESK_SECRET is too short (${given.length} characters): use at least ${MIN_SECRET_LENGTH}.`,
    );
  }
  return given;
}

/** Describes where data lives without leaking a database password into logs. */
export function describeDatabase(config: ServerConfig): string {
  if (config.databaseUrl === null) return path.join(config.dataDir, 'fairdesk.sqlite');
  try {
    const url = new URL(config.databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres (unparseable URL)';
  }
}
