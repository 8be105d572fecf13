import { videoRefusalMessage, type VideoRefusal } from '../../shared/domain/video/rules';
import type { VideoSlotDto } from '../../shared/domain/video/records';

/** A refusal with a user-facing message (videoRefusalMessage) and, for slot_taken, the slots still free. */
export class VideoFailure extends Error {
  override name = 'VideoFailure';

  constructor(
    readonly code: VideoRefusal | 'forbidden' | 'bad_request',
    message: string,
    readonly freeSlots?: VideoSlotDto[],
  ) {
    super(message);
  }
}

/** The refusal with its shared sentence. */
export const refuse = (code: VideoRefusal, context: { opensAt?: string } = {}, freeSlots?: VideoSlotDto[]): VideoFailure =>
  new VideoFailure(code, videoRefusalMessage(code, context), freeSlots);
