import type { MigrationInterface } from 'typeorm';
import { CacheMetaAndSession0001 } from './0001-meta-and-session';
import { CacheScopeRecords0002 } from './0002-scope-records';
import { CacheOutboxAndRejections0003 } from './0003-outbox-and-rejections';
import { CacheParticipation0004 } from './0004-participation';
import { CacheResponses0005 } from './0005-responses';
import { CacheNotifications0006 } from './0006-notifications';
import { CacheChat0007 } from './0007-chat';

/**
 * Every cache migration, in order; run at open (`synchronize` is off, so this list is the only
 * way the schema changes). To add one: create `000N-what.ts` whose `name` ends in N as 13 digits,
 * append it here, and give it its own `000N-what.test.ts` (schema after it, and data written
 * before it surviving it when it alters an existing table).
 */
export const cacheMigrations: Array<new () => MigrationInterface> = [
  CacheMetaAndSession0001,
  CacheScopeRecords0002,
  CacheOutboxAndRejections0003,
  CacheParticipation0004,
  CacheResponses0005,
  CacheNotifications0006,
  CacheChat0007,
];
