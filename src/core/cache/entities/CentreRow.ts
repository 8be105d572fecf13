import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Cached `CentreDto` (see recordMapping.ts for the conversion). */
@Entity({ name: 'centres' })
export class CentreRow {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  region!: string;

  @Column({ name: 'time_zone', type: 'text' })
  timeZone!: string;

  /** `IsoDate[]` as JSON text. */
  @Column({ name: 'holidays_json', type: 'text' })
  holidaysJson!: string;
}
