import type { MigrationInterface } from 'typeorm';
import { Accounts1000000000001 } from './1000000000001-Accounts';
import { FairsAndPreApplications1000000000002 } from './1000000000002-FairsAndPreApplications';
import { SyncEngine1000000000003 } from './1000000000003-SyncEngine';
import { SnapshotPaging1000000000004 } from './1000000000004-SnapshotPaging';
import { MailOutbox1000000000005 } from './1000000000005-MailOutbox';
import { Uploads1000000000006 } from './1000000000006-Uploads';
import { Participation1000000000007 } from './1000000000007-Participation';
import { Candidates1000000000008 } from './1000000000008-Candidates';
import { ResponsesSync1000000000009 } from './1000000000009-ResponsesSync';
import { ResponseDigest1000000000010 } from './1000000000010-ResponseDigest';
import { Chat1000000000011 } from './1000000000011-Chat';
import { VideoInterviews1000000000012 } from './1000000000012-VideoInterviews';

/**
 * Every server migration, in order. The same list runs on SQLite and PostgreSQL; the 13-digit
 * suffix is the migration's number (TypeORM orders and records migrations by it).
 */
export const serverMigrations: Array<new () => MigrationInterface> = [
  Accounts1000000000001,
  FairsAndPreApplications1000000000002,
  SyncEngine1000000000003,
  SnapshotPaging1000000000004,
  MailOutbox1000000000005,
  Uploads1000000000006,
  Participation1000000000007,
  Candidates1000000000008,
  ResponsesSync1000000000009,
  ResponseDigest1000000000010,
  Chat1000000000011,
  VideoInterviews1000000000012,
];
