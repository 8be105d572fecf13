import crypto from 'node:crypto';
import { createServerDataSource, databaseTarget } from '../../src/server/db/dataSource';
import { User } from '../../src/server/db/entities';
import { DEMO_PASSWORD } from '../../src/server/seed/demoAccounts';

/** Who takes part in the simulation: one desktop client each. */
export interface Actor {
  label: string;
  email: string;
  kind: 'moderator' | 'employer';
}

/**
 * The demo seed has one Almaty moderator; the simulation needs two (two offline moderators deciding
 * the same application). The second is a copy of the first — same centre, same password — added
 * by `addSecondAlmatyModerator` before the clients start.
 */
export const SECOND_ALMATY_MODERATOR = 'moderator2.sim@fairdesk.demo';

export const ACTORS: readonly Actor[] = [
  { label: 'mod-almaty-1', email: 'moderator@fairdesk.demo', kind: 'moderator' },
  { label: 'mod-almaty-2', email: SECOND_ALMATY_MODERATOR, kind: 'moderator' },
  { label: 'mod-astana', email: 'moderator.astana@fairdesk.demo', kind: 'moderator' },
  { label: 'emp-kazlogistics', email: 'admin@kazlogistics.demo', kind: 'employer' },
  { label: 'emp-steppe', email: 'admin@steppefoods.demo', kind: 'employer' },
];

export const PASSWORD = DEMO_PASSWORD;

/**
 * Inserts the second Almaty moderator through the server's own entities (so it follows the
 * server's schema), while the server is stopped. Idempotent.
 */
export async function addSecondAlmatyModerator(dataDir: string, databaseUrl: string | undefined): Promise<void> {
  const db = createServerDataSource(databaseTarget({ dataDir, databaseUrl: databaseUrl ?? null }), { runMigrations: false });
  await db.initialize();
  try {
    await db.transaction(async (m) => {
      if (await m.findOneBy(User, { email: SECOND_ALMATY_MODERATOR })) return;
      const first = await m.findOneByOrFail(User, { email: 'moderator@fairdesk.demo' });
      await m.insert(User, { ...first, id: crypto.randomUUID(), email: SECOND_ALMATY_MODERATOR, displayName: 'Madina Sim (2nd Almaty moderator)' });
    });
  } finally {
    await db.destroy();
  }
}
