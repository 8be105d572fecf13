import type { Router } from 'express';
import type { DataSource } from 'typeorm';
import type { TransactionRunner } from '../db/transactions';
import { rooms } from '../realtime/rooms';
import type { UploadFileStore } from '../uploads/fileStore';
import { CandidateSessions } from './candidateSessions';
import { CandidateInterests } from './interests';
import { CandidateLoginLinks } from './loginLinks';
import { portalRouter } from './portalRouter';
import { CandidateResponses } from './responses';
import { candidateUploadRouter } from './resumeUpload';

export interface CandidatePortalOptions {
  db: DataSource;
  tx: TransactionRunner;
  /** FAIRDESK_SECRET: keys the token hashes. */
  secret: string;
  /** The upload store the employer uploads use (same content-addressed files). */
  files: UploadFileStore;
  /** Base URL candidates reach the server by; `https://…` makes cookies `Secure`. */
  publicUrl: string | null;
  checkResponses: boolean;
  /** Pokes socket.io rooms: a new response or a changed interest tells the employer's desktops to pull. */
  poke?: (rooms: string[]) => void;
  /** The portal sessions, when shared with socket.io (which authenticates portal sockets by the same cookie). */
  sessions?: CandidateSessions;
}

/** The candidate portal's server side, as the HTTP app mounts it. */
export interface CandidatePortal {
  /** In front of the employer upload route, before the JSON parser (raw bodies). */
  uploadRouter: Router;
  /** After the JSON parser. */
  apiRouter: Router;
}

export function createCandidatePortal(options: CandidatePortalOptions): CandidatePortal {
  const { db, tx, secret, files, checkResponses } = options;
  const sessions = options.sessions ?? new CandidateSessions(tx, secret);
  const pokeEmployer = (employerId: string): void => options.poke?.([rooms.employer(employerId)]);
  return {
    uploadRouter: candidateUploadRouter({ tx, sessions, files, checkResponses }),
    apiRouter: portalRouter({
      db,
      tx,
      sessions,
      loginLinks: new CandidateLoginLinks(tx, sessions, secret),
      responses: new CandidateResponses(db, tx, Date.now, pokeEmployer),
      interests: new CandidateInterests(db, tx, pokeEmployer),
      files,
      secureCookies: options.publicUrl?.startsWith('https:') ?? false,
      checkResponses,
    }),
  };
}
