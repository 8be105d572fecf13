import { Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import type { VideoAbsence, VideoInterviewState } from '../../../shared/domain/video/records';
import { Candidate } from './Candidate';
import { Employer } from './Employer';
import { Fair } from './Fair';
import { Participation } from './Participation';
import { User } from './User';
import { VacancyResponse } from './VacancyResponse';
import { bigintNumber, epochMs } from '../transformers';

/**
 * A video-interview invitation and, once booked, its interview (migration 12): one per response.
 * The booked slot is held in `video_slot_bookings` (the race guard); the slot columns here copy it
 * for reading. Versioned like every pulled row.
 */
@Unique('uq_video_interviews_response', ['responseId'])
@Index('idx_video_interviews_employer', ['employerId', 'version'])
@Index('idx_video_interviews_settle', ['state', 'slotEndsAt'])
@Entity({ name: 'video_interviews' })
export class VideoInterview {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @ForeignKey(() => VacancyResponse)
  @Column({ name: 'response_id', type: 'varchar', length: 36 })
  responseId!: string;

  @ForeignKey(() => Employer)
  @Column({ name: 'employer_id', type: 'varchar', length: 36 })
  employerId!: string;

  @ForeignKey(() => Participation)
  @Column({ name: 'participation_id', type: 'varchar', length: 36 })
  participationId!: string;

  @ForeignKey(() => Fair)
  @Column({ name: 'fair_id', type: 'varchar', length: 36 })
  fairId!: string;

  @Index('idx_video_interviews_candidate')
  @ForeignKey(() => Candidate)
  @Column({ name: 'candidate_id', type: 'varchar', length: 36 })
  candidateId!: string;

  /** The manager who sent the invitation: the only one who may start the call; the candidate books among its slots. */
  @ForeignKey(() => User)
  @Column({ name: 'invited_by_user_id', type: 'varchar', length: 36 })
  invitedByUserId!: string;

  @Column({ type: 'varchar', length: 12 })
  state!: VideoInterviewState;

  /** The manager whose slot is booked (the inviting manager); null until booked. */
  @ForeignKey(() => User)
  @Column({ name: 'slot_manager_id', type: 'varchar', length: 36, nullable: true })
  slotManagerId!: string | null;

  @Column({ name: 'slot_starts_at', type: 'bigint', nullable: true, transformer: epochMs })
  slotStartsAt!: number | null;

  @Column({ name: 'slot_ends_at', type: 'bigint', nullable: true, transformer: epochMs })
  slotEndsAt!: number | null;

  @Column({ name: 'invited_at', type: 'bigint', transformer: epochMs })
  invitedAt!: number;

  @Column({ name: 'booked_at', type: 'bigint', nullable: true, transformer: epochMs })
  bookedAt!: number | null;

  @Column({ name: 'declined_at', type: 'bigint', nullable: true, transformer: epochMs })
  declinedAt!: number | null;

  @Column({ name: 'manager_joined_at', type: 'bigint', nullable: true, transformer: epochMs })
  managerJoinedAt!: number | null;

  @Column({ name: 'candidate_joined_at', type: 'bigint', nullable: true, transformer: epochMs })
  candidateJoinedAt!: number | null;

  @Column({ name: 'call_started_at', type: 'bigint', nullable: true, transformer: epochMs })
  callStartedAt!: number | null;

  @Column({ name: 'call_ended_at', type: 'bigint', nullable: true, transformer: epochMs })
  callEndedAt!: number | null;

  @Column({ name: 'duration_seconds', type: 'integer', nullable: true })
  durationSeconds!: number | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  absent!: VideoAbsence | null;

  @Column({ type: 'text' })
  note!: string;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt!: number;

  @Index('idx_video_interviews_version')
  @Column({ type: 'bigint', default: 0, transformer: bigintNumber })
  version!: number;
}
