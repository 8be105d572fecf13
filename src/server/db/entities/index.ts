import { CareerCentre } from './CareerCentre';
import { Company } from './Company';
import { Employer } from './Employer';
import { Fair } from './Fair';
import { PreApplication } from './PreApplication';
import { ServerMeta } from './ServerMeta';
import { Session } from './Session';
import { User } from './User';

export { CareerCentre, Company, Employer, Fair, PreApplication, ServerMeta, Session, User };

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
];
