import type { DataSource } from 'typeorm';
import type { UserDto } from '../../shared/domain/roles';
import { User } from '../db/entities';
import { toUserDto } from '../dto';
import { ServerError } from '../errors';
import { LoginRateLimiter } from './loginRateLimiter';
import { verifyAgainstDummy, verifyPassword } from './passwords';
import type { SessionService } from './sessionService';

export interface LoginInput {
  /** Already trimmed and lower-cased by the request schema. */
  email: string;
  password: string;
  clientName?: string | undefined;
}

export interface LoginResult {
  token: string;
  expiresAt: number;
  user: UserDto;
}

const INVALID = 'Wrong e-mail or password.';

/** Signs users in: password check, deactivation check, failed-attempt throttling, new session. */
export class LoginService {
  constructor(
    private readonly db: DataSource,
    private readonly sessions: SessionService,
    private readonly limiter = new LoginRateLimiter(),
  ) {}

  /**
   * @param clientIp used with the e-mail to throttle repeated failures.
   * @throws ServerError `invalid_credentials` (unknown e-mail or wrong password — deliberately the
   *   same answer), `account_inactive` (right password, deactivated account), `forbidden` (too many failures).
   */
  async login(input: LoginInput, clientIp: string): Promise<LoginResult> {
    const email = input.email.trim().toLowerCase();
    const key = `${email}|${clientIp}`;
    const waitMs = this.limiter.retryAfterMs(key);
    if (waitMs > 0) {
      const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
      throw new ServerError(
        'forbidden',
        429,
        `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      );
    }
    const user = await this.db.getRepository(User).findOneBy({ email });
    const ok = user ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstDummy(input.password);
    if (!user || !ok) {
      this.limiter.recordFailure(key);
      throw new ServerError('invalid_credentials', 401, INVALID);
    }
    this.limiter.recordSuccess(key);
    if (!user.active) {
      throw new ServerError('account_inactive', 403, 'This account has been deactivated. Contact your administrator.');
    }
    const { token, session } = await this.sessions.create(user, input.clientName ?? 'unnamed client');
    return { token, expiresAt: session.expiresAt, user: toUserDto(user) };
  }
}
