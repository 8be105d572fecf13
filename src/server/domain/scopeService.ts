import { CareerCentre, User } from '../db/entities';
import type { TransactionRunner } from '../db/transactions';
import { rooms } from '../realtime/rooms';

/**
 * Changes to what a user may see. Each bumps the user's scope epoch in the same transaction, so
 * the user's next pull (whatever its cookie) is answered with a fresh snapshot (`reset`) and no row
 * of the old scope stays in any of the user's caches. No UI yet: the centre's administrator tools
 * of a later issue call these; the tests do today.
 */
export class ScopeService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly poke: (targetRooms: string[]) => void = () => undefined,
  ) {}

  /** Moves a moderator to another centre (e.g. a new region). */
  async moveModerator(userId: string, centreId: string): Promise<void> {
    await this.tx.write(async ({ manager }) => {
      const user = await manager.findOneByOrFail(User, { id: userId });
      if (user.role !== 'moderator') throw new Error(`${user.email} is not a moderator`);
      await manager.findOneByOrFail(CareerCentre, { id: centreId });
      await manager.update(User, { id: userId }, { centreId, scopeEpoch: user.scopeEpoch + 1 });
    });
    this.poke([rooms.user(userId)]);
  }

  /** Deactivates an account (e.g. a cabinet manager who left): it can no longer sign in or sync. */
  async deactivate(userId: string): Promise<void> {
    await this.tx.write(async ({ manager }) => {
      const user = await manager.findOneByOrFail(User, { id: userId });
      await manager.update(User, { id: userId }, { active: false, scopeEpoch: user.scopeEpoch + 1 });
    });
    this.poke([rooms.user(userId)]);
  }
}
