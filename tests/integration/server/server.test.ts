import path from 'node:path';
import { createTempPgDatabase } from '../support/serverProcess';
import { describeServer } from './serverSuite';

describeServer('server on SQLite', () =>
  Promise.resolve({
    kind: 'sqlite' as const,
    serverOptions: {},
    target: (server) => ({ kind: 'sqlite' as const, file: path.join(server.dataDir, 'fairdesk.sqlite') }),
    cleanup: () => Promise.resolve(),
  }),
);

if (process.env['DATABASE_URL']) {
  describeServer('server on PostgreSQL', async () => {
    const temp = await createTempPgDatabase();
    return {
      kind: 'postgres' as const,
      serverOptions: { databaseUrl: temp.url },
      target: () => ({ kind: 'postgres' as const, url: temp.url }),
      cleanup: () => temp.drop(),
    };
  });
} else {
  console.log('server on PostgreSQL: not registered — set DATABASE_URL to run the suite against PostgreSQL too');
}
