/**
 * The demo candidates (portal accounts: they sign in by e-mail link, no password) and the manager
 * who interviews them (videoDemoWorld.ts). Free of database imports so end-to-end specs can read it.
 */
export const DEMO_CANDIDATES = [
  { email: 'candidate@fairdesk.demo', name: 'Aliya Seitkali', phone: '+7 701 555 12 34' },
  { email: 'candidate2@fairdesk.demo', name: 'Yerlan Bekov', phone: '+7 702 555 56 78' },
] as const;

/** The demo centre's time zone: its fair days, and the video interview day, end at its midnight. */
export const DEMO_TIME_ZONE = 'Asia/Almaty';

/** The manager whose interview day the demo books (a cabinet manager of KazLogistics). */
export const DEMO_INTERVIEWER_EMAIL = 'manager1@kazlogistics.demo';
