import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 0001 — installation facts and the remembered session.
 *
 * Migrations are plain SQL on purpose: they describe the schema as it was at that number and must
 * never change when entities evolve later. The `name` ends in the 13-digit migration number,
 * which is how TypeORM orders and records migrations (and survives class-name mangling in bundles).
 */
export class CacheMetaAndSession0001 implements MigrationInterface {
  name = 'CacheMetaAndSession0000000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "meta" ("key" text PRIMARY KEY NOT NULL, "value" text NOT NULL)`);
    await q.query(
      `CREATE TABLE "session" (
        "id" integer PRIMARY KEY NOT NULL CHECK ("id" = 1),
        "user_json" text NOT NULL,
        "server_url" text NOT NULL,
        "expires_at" integer NOT NULL,
        "signed_in_at" integer NOT NULL
      )`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "session"`);
    await q.query(`DROP TABLE "meta"`);
  }
}
