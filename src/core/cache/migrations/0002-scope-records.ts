import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 0002 — the synced scope: centres, fairs, companies, pre-applications, mirroring the shared DTOs
 * (booleans as 0/1, arrays as JSON text, times as epoch ms).
 *
 * No foreign keys between these tables: the cache mirrors whatever slice of the server the user's
 * scope contains (a moderator sees pre-applications of companies whose full record is not in
 * scope), and referential integrity is the server's job. A reference failing here would wedge sync.
 */
export class CacheScopeRecords0002 implements MigrationInterface {
  name = 'CacheScopeRecords0000000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "centres" (
        "id" text PRIMARY KEY NOT NULL,
        "name" text NOT NULL,
        "region" text NOT NULL,
        "time_zone" text NOT NULL,
        "holidays_json" text NOT NULL
      )`,
    );
    await q.query(
      `CREATE TABLE "fairs" (
        "id" text PRIMARY KEY NOT NULL,
        "centre_id" text NOT NULL,
        "title" text NOT NULL,
        "region" text NOT NULL,
        "city" text NOT NULL,
        "starts_on" text NOT NULL,
        "ends_on" text NOT NULL,
        "description" text NOT NULL,
        "updated_at" integer NOT NULL
      )`,
    );
    await q.query(`CREATE INDEX "idx_fairs_starts_on" ON "fairs" ("starts_on")`);
    await q.query(
      `CREATE TABLE "companies" (
        "id" text PRIMARY KEY NOT NULL,
        "employer_id" text NOT NULL,
        "legal_name" text NOT NULL,
        "bin" text NOT NULL,
        "address" text NOT NULL,
        "website" text NOT NULL,
        "info" text NOT NULL,
        "verified" integer NOT NULL
      )`,
    );
    await q.query(
      `CREATE TABLE "pre_applications" (
        "id" text PRIMARY KEY NOT NULL,
        "number" text NOT NULL,
        "employer_id" text NOT NULL,
        "company_id" text NOT NULL,
        "company_name" text NOT NULL,
        "centre_id" text NOT NULL,
        "way" integer NOT NULL,
        "fair_id" text,
        "fair_title" text,
        "region" text NOT NULL,
        "desired_from" text,
        "desired_to" text,
        "company_info" text NOT NULL,
        "vacant_places" integer NOT NULL,
        "professions_json" text NOT NULL,
        "contact_name" text NOT NULL,
        "contact_phone" text NOT NULL,
        "contact_email" text NOT NULL,
        "consent_salary_shown" integer NOT NULL,
        "consent_chat_during_fair" integer NOT NULL,
        "wants_video_interviews" integer NOT NULL,
        "status" text NOT NULL,
        "rejection_reason" text,
        "decided_by" text,
        "created_at" integer NOT NULL,
        "updated_at" integer NOT NULL,
        "status_changed_at" integer NOT NULL
      )`,
    );
    await q.query(`CREATE INDEX "idx_pre_applications_status" ON "pre_applications" ("status")`);
    await q.query(`CREATE INDEX "idx_pre_applications_created_at" ON "pre_applications" ("created_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "pre_applications"`);
    await q.query(`DROP TABLE "companies"`);
    await q.query(`DROP TABLE "fairs"`);
    await q.query(`DROP TABLE "centres"`);
  }
}
