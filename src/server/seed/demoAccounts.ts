import type { UserRole } from '../../shared/domain/roles';

/** Every demo account's password. Demo data only ever exists in a dev or explicitly seeded database. */
export const DEMO_PASSWORD = 'fairdesk-demo';

export interface DemoAccount {
  email: string;
  role: UserRole;
  displayName: string;
  /** The centre or employer the account belongs to. */
  organisation: string;
}

/** The demo accounts, in the order the dev banner and README list them. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'moderator@fairdesk.demo', role: 'moderator', displayName: 'Aigerim Sadykova', organisation: 'Almaty City Career Centre' },
  { email: 'moderator.astana@fairdesk.demo', role: 'moderator', displayName: 'Nurlan Abenov', organisation: 'Astana Career Centre' },
  { email: 'admin@kazlogistics.demo', role: 'employer_admin', displayName: 'Dana Omarova', organisation: 'KazLogistics' },
  { email: 'manager1@kazlogistics.demo', role: 'employer_manager', displayName: 'Timur Akhmetov', organisation: 'KazLogistics' },
  { email: 'manager2@kazlogistics.demo', role: 'employer_manager', displayName: 'Saule Ibraeva', organisation: 'KazLogistics' },
  { email: 'admin@steppefoods.demo', role: 'employer_admin', displayName: 'Arman Zhunusov', organisation: 'Steppe Foods' },
];

const ROLE_LABELS: Record<UserRole, string> = {
  moderator: 'moderator',
  employer_admin: 'employer admin',
  employer_manager: 'cabinet manager',
};

/** The readable block `--dev` prints on stdout (and README copies). */
export function formatDemoAccountsBanner(serverUrl: string): string {
  const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.email.length));
  const lines = DEMO_ACCOUNTS.map(
    (a) => `  ${a.email.padEnd(width)}  ${ROLE_LABELS[a.role].padEnd(15)}  ${a.displayName} — ${a.organisation}`,
  );
  return [
    '',
    `FairDesk sync server (development) on ${serverUrl}`,
    `Demo accounts — password for all: ${DEMO_PASSWORD}`,
    ...lines,
    '',
  ].join('\n');
}
