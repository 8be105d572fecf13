import { CareerCentre } from './CareerCentre';
import { Company } from './Company';
import { DeletedRow } from './DeletedRow';
import { Employer } from './Employer';
import { Fair } from './Fair';
import { MailOutbox } from './MailOutbox';
import { MutationResultRow } from './MutationResultRow';
import { PreApplication } from './PreApplication';
import { ServerMeta } from './ServerMeta';
import { Session } from './Session';
import { SyncClient } from './SyncClient';
import { Upload } from './Upload';
import { User } from './User';

export { CareerCentre, Company, DeletedRow, Employer, Fair, MailOutbox, MutationResultRow, PreApplication, ServerMeta, Session, SyncClient, Upload, User };
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
];
