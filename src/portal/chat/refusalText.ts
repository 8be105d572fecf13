import type { ChatError } from '../../shared/api/chat';
import type { ChatRequestError } from './chatEngine';

type Translate = { t: (key: string) => string; te: (key: string) => boolean };

/** A chat refusal in the candidate's language; the server's own (English) sentence for codes we do not word. */
export function refusalText(error: ChatError | ChatRequestError['error'], { t, te }: Translate): string {
  const key = `chat.refusals.${error.code}`;
  return te(key) ? t(key) : error.message;
}
