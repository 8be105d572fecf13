import { Column } from 'typeorm';
import { OptimisticRow } from './OptimisticRow';

/**
 * An optimistic row that users may also delete offline (stands, vacancies; migration 0004). A
 * local delete cannot remove the row: a rollback must be able to bring it back from `server_json`,
 * so the row stays, marked `deleted`, and the lists skip it until the server confirms the delete.
 */
export abstract class LocallyDeletableRow extends OptimisticRow {
  /** 1 while a queued delete hides the row; always 0 in a row as the server sent it. */
  @Column({ type: 'integer' })
  deleted!: number;
}
