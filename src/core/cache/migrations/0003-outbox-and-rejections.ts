import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 0003 — offline changes.
 *
 * - `outbox`: command mutations waiting for the server, written in the same transaction as their
 *   optimistic effect. `mutation_id` is this client's id for the server: it increases by one per
 *   client and is never reused, so it comes from the `nextMutationId` counter in `meta`, not from
 *   an AUTOINCREMENT that a deleted row could give back.
 * - `rejections`: mutations the server refused for good, kept (rolled back) until the user
 *   dismisses them. Keyed by mutation id, so a pull repeating a result cannot store it twice.
 * - `version` on fairs and pre-applications (the server's change version: `updateFair`'s base),
 *   and `decided_by_name` / `decided_at` on pre-applications (new DTO fields).
 * - `optimistic` / `server_json` on the two tables local changes touch: `optimistic = 1` marks a
 *   row showing unconfirmed local changes; `server_json` then holds the server's row as it was
 *   before them (NULL for a row created locally, which a rollback deletes).
 * - Sync position in `meta`: `nextMutationId`, `lastMutationId` (the server's, from the last
 *   pull) and `resultsAfter` (highest rejection id stored); the pull cookie is already there.
 */
export class CacheOutboxAndRejections0003 implements MigrationInterface {
  name = 'CacheOutboxAndRejections0000000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "outbox" (
        "mutation_id" integer PRIMARY KEY NOT NULL CHECK ("mutation_id" > 0),
        "name" text NOT NULL,
        "args_json" text NOT NULL,
        "created_at" integer NOT NULL,
        "record_entity" text NOT NULL,
        "record_id" text NOT NULL,
        "record_label" text NOT NULL
      )`,
    );
    await q.query(`CREATE INDEX "idx_outbox_record" ON "outbox" ("record_entity", "record_id")`);
    await q.query(
      `CREATE TABLE "rejections" (
        "mutation_id" integer PRIMARY KEY NOT NULL,
        "mutation_name" text NOT NULL,
        "code" text NOT NULL,
        "message" text NOT NULL,
        "record_id" text,
        "record_label" text NOT NULL,
        "decided_at" integer NOT NULL,
        "dismissed_at" integer
      )`,
    );
    await q.query(`CREATE INDEX "idx_rejections_record" ON "rejections" ("record_id")`);

    for (const table of ['fairs', 'pre_applications']) {
      await q.query(`ALTER TABLE "${table}" ADD COLUMN "version" integer NOT NULL DEFAULT 0`);
      await q.query(`ALTER TABLE "${table}" ADD COLUMN "optimistic" integer NOT NULL DEFAULT 0`);
      await q.query(`ALTER TABLE "${table}" ADD COLUMN "server_json" text`);
    }
    await q.query(`ALTER TABLE "pre_applications" ADD COLUMN "decided_by_name" text`);
    await q.query(`ALTER TABLE "pre_applications" ADD COLUMN "decided_at" integer`);

    // Rows cached by 0002 carry no version: the next pull must be a snapshot, which brings them.
    await q.query(`DELETE FROM "meta" WHERE "key" = 'pullCookie'`);
    await q.query(
      `INSERT OR IGNORE INTO "meta" ("key", "value") VALUES ('nextMutationId', '1'), ('lastMutationId', '0'), ('resultsAfter', '0')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "meta" WHERE "key" IN ('nextMutationId', 'lastMutationId', 'resultsAfter', 'pullCookie')`);
    await q.query(`ALTER TABLE "pre_applications" DROP COLUMN "decided_at"`);
    await q.query(`ALTER TABLE "pre_applications" DROP COLUMN "decided_by_name"`);
    for (const table of ['pre_applications', 'fairs']) {
      await q.query(`ALTER TABLE "${table}" DROP COLUMN "server_json"`);
      await q.query(`ALTER TABLE "${table}" DROP COLUMN "optimistic"`);
      await q.query(`ALTER TABLE "${table}" DROP COLUMN "version"`);
    }
    await q.query(`DROP TABLE "rejections"`);
    await q.query(`DROP TABLE "outbox"`);
  }
}
