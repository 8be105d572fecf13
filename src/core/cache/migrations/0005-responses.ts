import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 0005 — responses and interests (issue 4, slice 2): candidates' responses to the employer's
 * vacancies and "want to work for you" interests, mirroring `ResponseDto` / `InterestDto`
 * (src/shared/domain/participation/records.ts). Only the server writes them: no optimistic
 * bookkeeping. No foreign keys, as in 0002.
 *
 * The pull cookie is dropped: responses that exist on the server already are older than the
 * cookie of a cache that never pulled them, and only a snapshot brings them.
 */
export class CacheResponses0005 implements MigrationInterface {
  name = 'CacheResponses0000000000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "responses" (
        "id" text PRIMARY KEY NOT NULL,
        "employer_id" text NOT NULL,
        "participation_id" text NOT NULL,
        "fair_id" text NOT NULL,
        "vacancy_id" text NOT NULL,
        "vacancy_title" text NOT NULL,
        "company_name" text NOT NULL,
        "candidate_id" text NOT NULL,
        "candidate_name" text NOT NULL,
        "candidate_email" text NOT NULL,
        "candidate_phone" text NOT NULL,
        "resume_upload_id" text NOT NULL,
        "resume_file_name" text NOT NULL,
        "wants_video_interview" integer NOT NULL,
        "cover_note" text NOT NULL,
        "created_at" integer NOT NULL,
        "version" integer NOT NULL
      )`,
    );
    await q.query(`CREATE INDEX "idx_responses_participation_id" ON "responses" ("participation_id")`);
    await q.query(`CREATE INDEX "idx_responses_fair_id" ON "responses" ("fair_id")`);
    await q.query(`CREATE INDEX "idx_responses_vacancy_id" ON "responses" ("vacancy_id")`);
    await q.query(`CREATE INDEX "idx_responses_created_at" ON "responses" ("created_at")`);
    await q.query(
      `CREATE TABLE "interests" (
        "id" text PRIMARY KEY NOT NULL,
        "employer_id" text NOT NULL,
        "participation_id" text NOT NULL,
        "fair_id" text NOT NULL,
        "candidate_id" text NOT NULL,
        "candidate_name" text NOT NULL,
        "candidate_email" text NOT NULL,
        "candidate_phone" text NOT NULL,
        "created_at" integer NOT NULL,
        "version" integer NOT NULL
      )`,
    );
    await q.query(`CREATE INDEX "idx_interests_participation_id" ON "interests" ("participation_id")`);
    await q.query(`CREATE INDEX "idx_interests_fair_id" ON "interests" ("fair_id")`);
    await q.query(`CREATE INDEX "idx_interests_created_at" ON "interests" ("created_at")`);
    await q.query(`DELETE FROM "meta" WHERE "key" = 'pullCookie'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "interests"`);
    await q.query(`DROP TABLE "responses"`);
  }
}
