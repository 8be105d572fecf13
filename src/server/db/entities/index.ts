import { Candidate } from './Candidate';
import { CandidateLoginLink } from './CandidateLoginLink';
import { CandidateSession } from './CandidateSession';
import { CareerCentre } from './CareerCentre';
import { ChatAssignment } from './ChatAssignment';
import { ChatConversation } from './ChatConversation';
import { ChatMessage } from './ChatMessage';
import { Company } from './Company';
import { DeletedRow } from './DeletedRow';
import { Employer } from './Employer';
import { EmployerInterest } from './EmployerInterest';
import { Fair } from './Fair';
import { MailOutbox } from './MailOutbox';
import { MutationResultRow } from './MutationResultRow';
import { Participation } from './Participation';
import { PreApplication } from './PreApplication';
import { ResponseDigest } from './ResponseDigest';
import { ServerMeta } from './ServerMeta';
import { Session } from './Session';
import { Stand } from './Stand';
import { SyncClient } from './SyncClient';
import { Upload } from './Upload';
import { User } from './User';
import { Vacancy } from './Vacancy';
import { VacancyResponse } from './VacancyResponse';
import { VideoCallPeer } from './VideoCallPeer';
import { VideoInterview } from './VideoInterview';
import { VideoSlotBooking } from './VideoSlotBooking';

export { Candidate, CandidateLoginLink, CandidateSession, EmployerInterest, VacancyResponse };
export { ResponseDigest };
export { ChatAssignment, ChatConversation, ChatMessage };
export { VideoCallPeer, VideoInterview, VideoSlotBooking };
export { CareerCentre, Company, DeletedRow, Employer, Fair, MailOutbox, MutationResultRow, Participation, PreApplication, ServerMeta, Session, Stand, SyncClient, Upload, User, Vacancy };
export type { SyncEntity } from './DeletedRow';

/** Every entity of the server database; the DataSource registers exactly these. */
export const serverEntities = [
  CareerCentre,
  Employer,
  Company,
  User,
  Session,
  Fair,
  PreApplication,
  ServerMeta,
  DeletedRow,
  SyncClient,
  MutationResultRow,
  MailOutbox,
  Upload,
  Stand,
  Participation,
  Vacancy,
  Candidate,
  CandidateLoginLink,
  CandidateSession,
  VacancyResponse,
  EmployerInterest,
  ResponseDigest,
  ChatConversation,
  ChatMessage,
  ChatAssignment,
  VideoInterview,
  VideoSlotBooking,
  VideoCallPeer,
];
