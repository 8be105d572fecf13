import type { IpcEventName, IpcEventPayload } from '../shared/contract/ipc';

/** How core services publish contract events, without knowing which transports are attached. */
export type EventSink = <E extends IpcEventName>(event: E, payload: IpcEventPayload<E>) => void;

/**
 * Fans events out to every attached transport's emitter. Services get `hub.emit` at construction;
 * transports attach and detach later (a window reloads, a browser tab reconnects).
 */
export class EventHub {
  private readonly sinks = new Set<EventSink>();

  readonly emit: EventSink = (event, payload) => {
    for (const sink of this.sinks) sink(event, payload);
  };

  /** @returns a function that detaches the sink. */
  attach(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }
}
