import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 0004 — participation (issue 4): stands, vacancies and participation infos mirroring the shared
 * DTOs (src/shared/domain/participation/records.ts), and the local upload queue.
 *
 * - The three records carry the optimistic bookkeeping of 0003 (`version`, `optimistic`,
 *   `server_json`); stands and vacancies also `deleted`, because a local delete must stay
 *   reversible until the server confirms it (the row is hidden, not removed).
 * - `uploads`: files picked offline (queued until the upload step sends them before the push that
 *   refers to them) or fetched once for offline display. The bytes live in the data dir; this is
 *   what they are. Not scope data: a snapshot never touches it.
 * - No foreign keys, as in 0002: the scope is whatever slice of the server the user sees.
 * - The pull cookie is dropped: the records that exist on the server already (e.g. the drafts its
 *   own migration back-fills) are older than the cookie, and only a snapshot brings them.
 */
export class CacheParticipation0004 implements MigrationInterface {
  name = 'CacheParticipation0000000000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "stands" (
        "id" text PRIMARY KEY NOT NULL,
        "employer_id" text NOT NULL,
        "internal_name" text NOT NULL,
        "company_id" text NOT NULL,
        "company_name" text NOT NULL,
        "address" text NOT NULL,
        "website" text NOT NULL,
        "company_info" text NOT NULL,
        "activity" text NOT NULL,
        "advantages" text NOT NULL,
        "slogan" text NOT NULL,
        "social_links_json" text NOT NULL,
        "logo_upload_id" text,
        "banner_upload_ids_json" text NOT NULL,
        "poster_upload_ids_json" text NOT NULL,
        "brochure_upload_ids_json" text NOT NULL,
        "video_url" text NOT NULL,
        "created_at" integer NOT NULL,
        "updated_at" integer NOT NULL,
        "version" integer NOT NULL,
        "optimistic" integer NOT NULL DEFAULT 0,
        "server_json" text,
        "deleted" integer NOT NULL DEFAULT 0
      )`,
    );
    await q.query(`CREATE INDEX "idx_stands_employer_id" ON "stands" ("employer_id")`);
    await q.query(
      `CREATE TABLE "vacancies" (
        "id" text PRIMARY KEY NOT NULL,
        "employer_id" text NOT NULL,
        "company_id" text NOT NULL,
        "participation_id" text,
        "active" integer NOT NULL,
        "title" text NOT NULL,
        "profession" text NOT NULL,
        "salary_from" integer NOT NULL,
        "salary_to" integer NOT NULL,
        "currency" text NOT NULL,
        "places" integer NOT NULL,
        "location" text NOT NULL,
        "description" text NOT NULL,
        "requirements" text NOT NULL,
        "employment_type" text NOT NULL,
        "created_at" integer NOT NULL,
        "updated_at" integer NOT NULL,
        "version" integer NOT NULL,
        "optimistic" integer NOT NULL DEFAULT 0,
        "server_json" text,
        "deleted" integer NOT NULL DEFAULT 0
      )`,
    );
    await q.query(`CREATE INDEX "idx_vacancies_participation_id" ON "vacancies" ("participation_id")`);
    await q.query(
      `CREATE TABLE "participations" (
        "id" text PRIMARY KEY NOT NULL,
        "pre_application_id" text NOT NULL,
        "number" text NOT NULL,
        "employer_id" text NOT NULL,
        "company_id" text NOT NULL,
        "company_name" text NOT NULL,
        "centre_id" text NOT NULL,
        "fair_id" text NOT NULL,
        "fair_title" text NOT NULL,
        "stand_id" text,
        "interview_plan_json" text NOT NULL,
        "status" text NOT NULL,
        "rejection_reason" text,
        "decided_by" text,
        "decided_by_name" text,
        "decided_at" integer,
        "sent_at" integer,
        "created_at" integer NOT NULL,
        "updated_at" integer NOT NULL,
        "status_changed_at" integer NOT NULL,
        "version" integer NOT NULL,
        "optimistic" integer NOT NULL DEFAULT 0,
        "server_json" text
      )`,
    );
    await q.query(`CREATE INDEX "idx_participations_stand_id" ON "participations" ("stand_id")`);
    await q.query(`CREATE INDEX "idx_participations_status" ON "participations" ("status")`);
    await q.query(`CREATE INDEX "idx_participations_created_at" ON "participations" ("created_at")`);
    await q.query(
      `CREATE TABLE "uploads" (
        "id" text PRIMARY KEY NOT NULL,
        "kind" text NOT NULL CHECK ("kind" IN ('image', 'resume')),
        "file_name" text NOT NULL,
        "mime" text NOT NULL,
        "size" integer NOT NULL CHECK ("size" >= 0),
        "width" integer,
        "height" integer,
        "state" text NOT NULL CHECK ("state" IN ('queued', 'uploaded', 'refused')),
        "error" text,
        "sha256" text NOT NULL,
        "created_at" integer NOT NULL
      )`,
    );
    await q.query(`CREATE INDEX "idx_uploads_state" ON "uploads" ("state")`);
    await q.query(`DELETE FROM "meta" WHERE "key" = 'pullCookie'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "uploads"`);
    await q.query(`DROP TABLE "participations"`);
    await q.query(`DROP TABLE "vacancies"`);
    await q.query(`DROP TABLE "stands"`);
  }
}
