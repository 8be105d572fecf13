import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 0006 — notifications (issue 4, slice 2): what a pull brought that the user should know about
 * (a decision on the employer's pre-application or participation info, new responses). Not scope
 * data: a reset keeps them; a change of owner (another user signs in, sign-out) clears them.
 * `dedupe_key` = kind, record and state, so the same news is stored (and announced) once.
 */
export class CacheNotifications0006 implements MigrationInterface {
  name = 'CacheNotifications0000000000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "notifications" (
        "id" text PRIMARY KEY NOT NULL,
        "kind" text NOT NULL,
        "record_id" text,
        "params_json" text NOT NULL,
        "dedupe_key" text NOT NULL,
        "created_at" integer NOT NULL,
        "read_at" integer
      )`,
    );
    await q.query('CREATE UNIQUE INDEX "uq_notifications_dedupe_key" ON "notifications" ("dedupe_key")');
    await q.query('CREATE INDEX "idx_notifications_created_at" ON "notifications" ("created_at")');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE "notifications"');
  }
}
