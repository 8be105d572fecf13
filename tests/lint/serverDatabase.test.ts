import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * Proves that the server's database rules in eslint.config.mjs fire: writes and transactions go
 * through the TransactionRunner, nothing reads `tx.db` outside a transaction (on SQLite it is
 * the connection the open transaction runs on), and `tx.db` is not held or handed on where those
 * rules could not follow it. Each case lints a small module as if it lived in
 * `src/server`.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function databaseErrors(code: string): Promise<string[]> {
  const source = `declare const tx: any;\ndeclare const deps: any;\ndeclare const User: any;\nexport async function f(this: any): Promise<unknown> {\n  return ${code};\n}\n`;
  const [result] = await eslint.lintText(source, { filePath: 'src/server/fixture.ts' });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

const refused: Array<[string, RegExp]> = [
  ['this.tx.db.getRepository(User).findOneBy({ id: 1 })', /tx\.reads/],
  ['tx.db.getRepository(User).count()', /tx\.reads/],
  ['deps.tx.db.getRepository(User).find()', /tx\.reads/],
  ["this.tx.db.query('SELECT 1')", /tx\.reads/],
  ['tx.db.manager.find(User)', /tx\.reads/],
  ['this.tx.db.createQueryBuilder()', /tx\.reads/],
  ['this.tx.db.getRepository(User).insert({})', /Write through the TransactionRunner/],
  ['this.tx.db.transaction(async () => 1)', /Open transactions through the TransactionRunner/],
  // Aliases and hand-overs, which would hide the calls above from the rules.
  ['(() => { const db = this.tx.db; return db.query("SELECT 1"); })()', /escapes the rules/],
  ['(() => { const { db } = tx; return db; })()', /escapes the rules/],
  ['(() => { const { db } = deps.tx; return db; })()', /escapes the rules/],
  ['deps.run(tx.db)', /escapes the rules/],
  ['(() => { const users = this.tx.db.getRepository(User); return users.find(); })()', /escapes the rules/],
];

const allowed: string[] = [
  'this.tx.db.getRepository(User).create({})',
  'this.tx.reads.getRepository(User).findOneBy({ id: 1 })',
  "deps.tx.reads.query('SELECT 1')",
  'tx.read((m: any) => m.find(User))',
  'deps.tx.db.getRepository(User).merge({}, {})',
  'tx.db.options.type',
];

describe('server database lint rules', () => {
  it.each(refused)('refuses %s', async (code, message) => {
    const errors = await databaseErrors(code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });
  it.each(allowed)('allows %s', async (code) => {
    expect(await databaseErrors(code)).toEqual([]);
  });
});
