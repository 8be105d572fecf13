import type { IpcOutput } from '../../shared/contract/ipc';
import { isEmployerRole } from '../../shared/domain/roles';
import { RpcError } from '../rpc/handlerTable';
import type { ServerClient } from '../serverApi/serverClient';
import type { Credentials, SessionService } from '../session/sessionService';

export interface VideoInterviewDeps {
  session: SessionService;
  clientFor: (serverUrl: string) => ServerClient;
  /**
   * Opens the call in the host's dedicated video window (Electron); resolves false when it did
   * not. Absent where the host has none (the browser host): the renderer shows the call itself.
   */
  openCallWindow?: (interviewId: string) => Promise<boolean>;
}

/**
 * `videoInterviews.list|join|end|openCallWindow`: the interviews' state is the server's (bookings
 * race, joins are authorized there), so these ask the server every time — `server_unreachable`
 * offline, and the renderer keeps showing the last list it had. Invitations are sync mutations
 * (ChangeService). Employer users only; the server's refusals pass through unchanged.
 */
export class VideoInterviewService {
  constructor(private readonly deps: VideoInterviewDeps) {}

  async list(): Promise<IpcOutput<'videoInterviews.list'>> {
    const { client, token } = await this.employer();
    return client.videoInterviews(token);
  }

  async join(id: string): Promise<IpcOutput<'videoInterviews.join'>> {
    const { client, token } = await this.employer();
    const grant = await client.joinVideoInterview(token, id);
    return { grant, serverUrl: client.serverUrl };
  }

  async end(id: string): Promise<IpcOutput<'videoInterviews.end'>> {
    const { client, token } = await this.employer();
    return (await client.endVideoInterview(token, id)).interview;
  }

  async openCallWindow(id: string): Promise<IpcOutput<'videoInterviews.openCallWindow'>> {
    await this.employer();
    if (!this.deps.openCallWindow) return { opened: false };
    return { opened: await this.deps.openCallWindow(id) };
  }

  private async employer(): Promise<{ client: ServerClient; token: string; credentials: Credentials }> {
    const credentials = await this.deps.session.credentials();
    if (!credentials) throw new RpcError('unauthenticated', 'Sign in to see your video interviews.');
    if (!isEmployerRole(credentials.session.user.role)) {
      throw new RpcError('forbidden', 'Video interviews are held by the employer’s admins and managers.');
    }
    return { client: this.deps.clientFor(credentials.session.serverUrl), token: credentials.token, credentials };
  }
}
