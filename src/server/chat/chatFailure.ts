import type { ChatError, ChatErrorCode } from '../../shared/api/chat';

/**
 * A chat request refused for a reason the client should see (its `ChatError`). `permanent` says
 * whether sending the same thing again could ever succeed; anything else thrown is `internal`.
 */
export class ChatFailure extends Error {
  override name = 'ChatFailure';

  constructor(
    readonly code: ChatErrorCode,
    message: string,
    readonly permanent = true,
  ) {
    super(message);
  }

  toError(): ChatError {
    return { code: this.code, message: this.message, permanent: this.permanent };
  }
}

export const chatNotFound = (): ChatFailure => new ChatFailure('not_found', 'This conversation does not exist or is not yours.');

export const chatForbidden = (message: string): ChatFailure => new ChatFailure('forbidden', message);

/** What an unexpected failure answers: the client keeps the message and tries again later. */
export const INTERNAL_CHAT_ERROR: ChatError = {
  code: 'internal',
  message: 'The server could not handle this just now. It will be tried again.',
  permanent: false,
};
