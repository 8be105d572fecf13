import { z } from 'zod';

/**
 * Who a desktop/server account is. Candidates are not accounts of this kind: they sign in to the
 * portal by e-mail link and never reach the desktop API.
 */
export const UserRole = z.enum(['moderator', 'employer_admin', 'employer_manager']);
export type UserRole = z.infer<typeof UserRole>;

export const isEmployerRole = (role: UserRole): boolean =>
  role === 'employer_admin' || role === 'employer_manager';

export const Locale = z.enum(['ru', 'kk', 'en']);
export type Locale = z.infer<typeof Locale>;

/** A signed-in user as every client sees it. Tenant ids say whose data the user may touch. */
export const UserDto = z.object({
  id: z.string().uuid(),
  email: z.string().email(),
  displayName: z.string(),
  role: UserRole,
  /** Set for moderators: the career centre whose region they serve. */
  centreId: z.string().uuid().nullable(),
  /** Set for employer admins and managers. */
  employerId: z.string().uuid().nullable(),
  locale: Locale,
});
export type UserDto = z.infer<typeof UserDto>;

/**
 * A user of an employer as its own admins and managers see them (the interview plan's choice of
 * cabinet managers). Inactive members are listed too, flagged, so old plan lines keep a name.
 */
export const EmployerMember = z.object({
  id: z.string().uuid(),
  displayName: z.string(),
  email: z.string().email(),
  role: z.enum(['employer_admin', 'employer_manager']),
  active: z.boolean(),
});
export type EmployerMember = z.infer<typeof EmployerMember>;
