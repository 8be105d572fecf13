import { Column, Entity, ForeignKey, PrimaryColumn, Unique } from 'typeorm';
import { Participation } from './Participation';
import { User } from './User';
import { VideoInterview } from './VideoInterview';
import { epochMs } from '../transformers';

/**
 * One booked interview slot (migration 12). The primary key (participation, manager, start) is
 * what keeps two candidates out of one slot under concurrency; an interview holds at most one.
 */
@Unique('uq_video_slot_bookings_interview', ['interviewId'])
@Entity({ name: 'video_slot_bookings' })
export class VideoSlotBooking {
  @ForeignKey(() => Participation)
  @PrimaryColumn({ name: 'participation_id', type: 'varchar', length: 36 })
  participationId!: string;

  @ForeignKey(() => User)
  @PrimaryColumn({ name: 'manager_id', type: 'varchar', length: 36 })
  managerId!: string;

  @PrimaryColumn({ name: 'starts_at', type: 'bigint', transformer: epochMs })
  startsAt!: number;

  @ForeignKey(() => VideoInterview, { onDelete: 'CASCADE' })
  @Column({ name: 'interview_id', type: 'varchar', length: 36 })
  interviewId!: string;

  @Column({ name: 'booked_at', type: 'bigint', transformer: epochMs })
  bookedAt!: number;
}
