import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex, TableUnique } from 'typeorm';
import { changeVersion, epochMsColumn, idColumn, optionalInt, text, uuidRef } from './columns';

const fk = (column: string, table: string, onDelete?: 'CASCADE', referenced = 'id'): TableForeignKey =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: [referenced], ...(onDelete ? { onDelete } : {}) });

/**
 * Video interviews (issue 6): one invitation per response (`response_id` unique) and, once the
 * candidate chooses a time, its booking and call outcome; the booked slots; the peer ids issued
 * for calls.
 *
 * `video_slot_bookings` is the race guard: its primary key (participation, manager, start) lets
 * exactly one interview hold a slot, whatever the number of candidates booking at once, on both
 * databases; `interview_id` is unique so an interview holds at most one slot. Peer rows keep only
 * the sha256 of each call token: a database reader cannot join a call.
 */
export class VideoInterviews1000000000012 implements MigrationInterface {
  name = 'VideoInterviews1000000000012';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'video_interviews',
        columns: [
          idColumn(),
          uuidRef('response_id'),
          uuidRef('employer_id'),
          uuidRef('participation_id'),
          uuidRef('fair_id'),
          uuidRef('candidate_id'),
          uuidRef('invited_by_user_id'),
          text('state', 12),
          uuidRef('slot_manager_id', true),
          epochMsColumn('slot_starts_at', true),
          epochMsColumn('slot_ends_at', true),
          epochMsColumn('invited_at'),
          epochMsColumn('booked_at', true),
          epochMsColumn('declined_at', true),
          epochMsColumn('manager_joined_at', true),
          epochMsColumn('candidate_joined_at', true),
          epochMsColumn('call_started_at', true),
          epochMsColumn('call_ended_at', true),
          optionalInt('duration_seconds'),
          text('absent', 10, true),
          text('note'),
          epochMsColumn('updated_at'),
          changeVersion(),
        ],
        uniques: [new TableUnique({ name: 'uq_video_interviews_response', columnNames: ['response_id'] })],
        foreignKeys: [
          fk('response_id', 'vacancy_responses'),
          fk('employer_id', 'employers'),
          fk('participation_id', 'participations'),
          fk('fair_id', 'fairs'),
          fk('candidate_id', 'candidates'),
          fk('invited_by_user_id', 'users'),
          fk('slot_manager_id', 'users'),
        ],
        indices: [
          new TableIndex({ name: 'idx_video_interviews_employer', columnNames: ['employer_id', 'version'] }),
          new TableIndex({ name: 'idx_video_interviews_candidate', columnNames: ['candidate_id'] }),
          new TableIndex({ name: 'idx_video_interviews_version', columnNames: ['version'] }),
          new TableIndex({ name: 'idx_video_interviews_settle', columnNames: ['state', 'slot_ends_at'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'video_slot_bookings',
        columns: [
          { ...uuidRef('participation_id'), isPrimary: true },
          { ...uuidRef('manager_id'), isPrimary: true },
          { ...epochMsColumn('starts_at'), isPrimary: true },
          uuidRef('interview_id'),
          epochMsColumn('booked_at'),
        ],
        uniques: [new TableUnique({ name: 'uq_video_slot_bookings_interview', columnNames: ['interview_id'] })],
        foreignKeys: [fk('participation_id', 'participations'), fk('manager_id', 'users'), fk('interview_id', 'video_interviews', 'CASCADE')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'video_call_peers',
        columns: [
          { name: 'peer_id', type: 'varchar', length: '64', isPrimary: true },
          uuidRef('interview_id'),
          text('side', 10),
          text('token_hash', 64),
          epochMsColumn('issued_at'),
          epochMsColumn('revoked_at', true),
        ],
        foreignKeys: [fk('interview_id', 'video_interviews', 'CASCADE')],
        indices: [new TableIndex({ name: 'idx_video_call_peers_interview', columnNames: ['interview_id', 'side'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['video_call_peers', 'video_slot_bookings', 'video_interviews']) await q.dropTable(table);
  }
}
