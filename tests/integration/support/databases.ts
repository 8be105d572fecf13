import path from 'node:path';
import type { DatabaseTarget } from '../../../src/server/db/dataSource';
import { createTempPgDatabase, startServer, type RunningServer, type StartServerOptions } from './serverProcess';

/** A seeded server process on a fresh database, and how a test reaches that database directly. */
export interface ServerOnDatabase {
  kind: 'sqlite' | 'postgres';
  server: RunningServer;
  target: DatabaseTarget;
  /** Stops the server and drops a temporary PostgreSQL database. */
  dispose(): Promise<void>;
}

/** The database kinds integration suites run on: SQLite always, PostgreSQL when DATABASE_URL is set. */
export function serverDatabaseKinds(): Array<'sqlite' | 'postgres'> {
  return process.env['DATABASE_URL'] ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** Starts a seeded server process on a fresh database of `kind`. */
export async function startServerOn(kind: 'sqlite' | 'postgres', options: StartServerOptions = {}): Promise<ServerOnDatabase> {
  if (kind === 'sqlite') {
    const server = await startServer({ seed: true, ...options });
    return {
      kind,
      server,
      target: { kind: 'sqlite', file: path.join(server.dataDir, 'fairdesk.sqlite') },
      dispose: async () => {
        await server.stop();
      },
    };
  }
  const temp = await createTempPgDatabase();
  try {
    const server = await startServer({ seed: true, ...options, databaseUrl: temp.url });
    return {
      kind,
      server,
      target: { kind: 'postgres', url: temp.url },
      dispose: async () => {
        await server.stop();
        await temp.drop();
      },
    };
  } catch (err) {
    await temp.drop();
    throw err;
  }
}
