import type { UserRole } from '../../../shared/domain/roles';
import type { MessageSchema } from '../i18n/en';

/** A section of the app in the navigation drawer. `name` is the route name and the `nav-<name>` test id. */
export interface NavItem {
  name: string;
  icon: string;
  label: `nav.${keyof MessageSchema['nav'] & string}`;
}

const moderatorNav: readonly NavItem[] = [
  { name: 'queue', icon: 'mdi-inbox-full-outline', label: 'nav.queue' },
  { name: 'participation-review', icon: 'mdi-storefront-check-outline', label: 'nav.participationReview' },
  { name: 'fairs', icon: 'mdi-calendar-star', label: 'nav.fairs' },
  { name: 'fair-overview', icon: 'mdi-table-eye', label: 'nav.fairOverview' },
];

const employerNav: readonly NavItem[] = [
  { name: 'my-applications', icon: 'mdi-file-document-multiple-outline', label: 'nav.myApplications' },
  { name: 'my-fairs', icon: 'mdi-calendar-star', label: 'nav.myFairs' },
  { name: 'responses', icon: 'mdi-account-file-text-outline', label: 'nav.responses' },
  { name: 'stands', icon: 'mdi-storefront-outline', label: 'nav.stands' },
  { name: 'vacancies', icon: 'mdi-briefcase-outline', label: 'nav.vacancies' },
  { name: 'chats', icon: 'mdi-forum-outline', label: 'nav.chats' },
  { name: 'interviews', icon: 'mdi-video-outline', label: 'nav.interviews' },
];

/** What each role may open, in drawer order; the first entry is the role's home. */
export function navigationFor(role: UserRole): readonly NavItem[] {
  return role === 'moderator' ? moderatorNav : employerNav;
}

export function homeRouteFor(role: UserRole): string {
  const first = navigationFor(role)[0];
  if (!first) throw new Error(`No navigation for role ${role}`);
  return first.name;
}

/** The drawer's section heading for a role. */
export function navigationHeading(role: UserRole): 'nav.moderation' | 'nav.employer' {
  return role === 'moderator' ? 'nav.moderation' : 'nav.employer';
}

/** Pages reached from a section rather than from the drawer (e.g. one participation info from "My fairs", a video call). */
const employerSubpages: readonly string[] = ['participation', 'video-call'];

export function mayOpen(role: UserRole, routeName: string): boolean {
  if (role !== 'moderator' && employerSubpages.includes(routeName)) return true;
  return navigationFor(role).some((item) => item.name === routeName);
}
