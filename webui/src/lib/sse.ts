/** One server-sent event (WHATWG HTML, "Server-sent events", section 9.2.6). */
export interface SseEvent {
  /** "message" when the server named none. */
  readonly event: string;
  /** The data lines joined with "\n". */
  readonly data: string;
  /** The last id seen on the stream so far, as the spec's "last event ID buffer". */
  readonly id: string | undefined;
}

/**
 * A streaming parser for text/event-stream: feed it decoded text in whatever pieces the
 * network delivers (a line may arrive split over several chunks, or a chunk may hold many
 * events) and it hands back complete events. EventSource would do this, but it cannot send an
 * Authorization header, so the UI reads the stream with fetch and parses it here.
 */
export class SseParser {
  private buffer = '';
  private eventType = '';
  private data: string[] = [];
  private lastId: string | undefined;
  /** Set by a "retry:" field: the reconnection delay the server asks for, in milliseconds. */
  retryMs: number | undefined;

  constructor(lastEventId?: string) {
    this.lastId = lastEventId;
  }

  get lastEventId(): string | undefined {
    return this.lastId;
  }

  push(chunk: string): SseEvent[] {
    this.buffer += chunk;
    const events: SseEvent[] = [];
    // A line ends at CRLF, LF or CR; a CR at the very end may be the first half of a CRLF,
    // so it waits for the next chunk.
    for (;;) {
      const match = /\r\n|\n|\r(?!$)/.exec(this.buffer);
      if (!match) {
        break;
      }
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      const event = this.line(line);
      if (event) {
        events.push(event);
      }
    }
    return events;
  }

  private line(line: string): SseEvent | undefined {
    if (line === '') {
      return this.dispatch();
    }
    if (line.startsWith(':')) {
      return undefined;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }
    switch (field) {
      case 'event':
        this.eventType = value;
        break;
      case 'data':
        this.data.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) {
          this.lastId = value;
        }
        break;
      case 'retry':
        if (/^\d+$/.test(value)) {
          this.retryMs = Number(value);
        }
        break;
      default:
        break;
    }
    return undefined;
  }

  private dispatch(): SseEvent | undefined {
    const type = this.eventType || 'message';
    const data = this.data;
    this.eventType = '';
    this.data = [];
    // An event without data lines is not dispatched (only its id is kept).
    if (data.length === 0) {
      return undefined;
    }
    return { event: type, data: data.join('\n'), id: this.lastId };
  }
}
