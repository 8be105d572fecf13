import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_SECRET, loadConfig } from './config';

const SECRET = 'x'.repeat(32);
const prod = (env: NodeJS.ProcessEnv) => loadConfig(env, { dev: false, cwd: '/srv/fairdesk' });
const dev = (env: NodeJS.ProcessEnv) => loadConfig(env, { dev: true, cwd: '/srv/fairdesk' });

describe('server config', () => {
  it('has safe defaults in production once a secret is given', () => {
    const config = prod({ FAIRDESK_SECRET: SECRET });
    expect(config).toMatchObject({
      mode: 'production',
      host: '127.0.0.1',
      port: 4400,
      dataDir: path.resolve('/srv/fairdesk/.data/server'),
      databaseUrl: null,
      seedDemo: false,
      seedVideoDemo: false,
      sessionTtlMs: 720 * 3_600_000,
      logLevel: 'info',
    });
  });

  it.each([
    ['missing', {}, /not set/],
    ['empty', { FAIRDESK_SECRET: '' }, /not set/],
    ['too short', { FAIRDESK_SECRET: 'short-secret' }, /too short/],
    ['the development default', { FAIRDESK_SECRET: DEV_SECRET }, /development secret/],
  ])('refuses a %s secret in production', (_label, env, message) => {
    expect(() => prod(env)).toThrow(ConfigError);
    expect(() => prod(env)).toThrow(message);
  });

  it('allows the development secret and always seeds with --dev', () => {
    expect(dev({})).toMatchObject({ mode: 'dev', secret: DEV_SECRET, seedDemo: true, seedVideoDemo: true });
  });

  it('seeds in production only when FAIRDESK_SEED=demo', () => {
    expect(prod({ FAIRDESK_SECRET: SECRET, FAIRDESK_SEED: 'demo' })).toMatchObject({ seedDemo: true, seedVideoDemo: false });
    expect(prod({ FAIRDESK_SECRET: SECRET, FAIRDESK_SEED: 'demo+video' })).toMatchObject({ seedDemo: true, seedVideoDemo: true });
    expect(() => prod({ FAIRDESK_SECRET: SECRET, FAIRDESK_SEED: 'yes' })).toThrow(/FAIRDESK_SEED/);
  });

  it('reads the mail settings: SMTP off by default, a sender, and the public link base without a trailing slash', () => {
    expect(prod({ FAIRDESK_SECRET: SECRET })).toMatchObject({ smtpUrl: null, mailFrom: 'FairDesk <no-reply@localhost>', publicUrl: null });
    expect(
      prod({
        FAIRDESK_SECRET: SECRET,
        FAIRDESK_SMTP_URL: 'smtps://u:p@mail.example:465',
        FAIRDESK_MAIL_FROM: 'Career Centre <fairs@example.kz>',
        FAIRDESK_PUBLIC_URL: 'https://fairs.example.kz/',
      }),
    ).toMatchObject({ smtpUrl: 'smtps://u:p@mail.example:465', mailFrom: 'Career Centre <fairs@example.kz>', publicUrl: 'https://fairs.example.kz' });
    expect(() => prod({ FAIRDESK_SECRET: SECRET, FAIRDESK_SMTP_URL: 'mail.example:25' })).toThrow(/FAIRDESK_SMTP_URL/);
    expect(() => prod({ FAIRDESK_SECRET: SECRET, FAIRDESK_PUBLIC_URL: 'javascript:alert(1)' })).toThrow(/FAIRDESK_PUBLIC_URL/);
  });

  it('runs the response digest hourly by default; the interval is validated (fractions allowed, 3 s to a week)', () => {
    expect(prod({ FAIRDESK_SECRET: SECRET }).digestIntervalMs).toBe(60 * 60_000);
    expect(prod({ FAIRDESK_SECRET: SECRET, FAIRDESK_DIGEST_INTERVAL_MINUTES: '15' }).digestIntervalMs).toBe(15 * 60_000);
    expect(prod({ FAIRDESK_SECRET: SECRET, FAIRDESK_DIGEST_INTERVAL_MINUTES: '0.05' }).digestIntervalMs).toBe(3_000);
    for (const bad of ['0', '-5', 'hourly', '20000']) {
      expect(() => prod({ FAIRDESK_SECRET: SECRET, FAIRDESK_DIGEST_INTERVAL_MINUTES: bad }), bad).toThrow(/FAIRDESK_DIGEST_INTERVAL_MINUTES/);
    }
  });

  it('reads every variable', () => {
    const config = prod({
      FAIRDESK_SECRET: SECRET,
      FAIRDESK_HOST: '0.0.0.0',
      FAIRDESK_PORT: '0',
      FAIRDESK_DATA_DIR: 'var/data',
      DATABASE_URL: 'postgres://u:p@db:5432/fairdesk',
      FAIRDESK_SESSION_TTL_HOURS: '12',
      LOG_LEVEL: 'warn',
      FAIRDESK_PORTAL_DIR: '/opt/portal',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 0,
      dataDir: path.resolve('/srv/fairdesk/var/data'),
      databaseUrl: 'postgres://u:p@db:5432/fairdesk',
      sessionTtlMs: 12 * 3_600_000,
      logLevel: 'warn',
      portalDir: path.resolve('/opt/portal'),
    });
  });

  it.each([
    ['FAIRDESK_PORT', '70000'],
    ['FAIRDESK_PORT', 'eighty'],
    ['DATABASE_URL', 'mysql://x'],
    ['LOG_LEVEL', 'loud'],
    ['FAIRDESK_SESSION_TTL_HOURS', '-1'],
  ])('names the variable when %s=%s is invalid', (name, value) => {
    expect(() => prod({ FAIRDESK_SECRET: SECRET, [name]: value })).toThrow(new RegExp(name));
  });
});
