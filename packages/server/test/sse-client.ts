/**
 * A Server-Sent Events reader for tests: parses a `/v1/events` response with eventsource-parser and lets a
 * test wait for the message it expects.
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';

export interface SseClient {
  response: Response;
  /** Every message so far, in order. */
  messages: EventSourceMessage[];
  /** Every comment so far (`connected`, `heartbeat`). */
  comments: string[];
  /** The first message, received or still to come, that `match` accepts; rejects after `timeoutMs`. */
  waitFor(match: (message: EventSourceMessage) => boolean, timeoutMs?: number): Promise<EventSourceMessage>;
  /** The first comment matching; rejects after `timeoutMs`. */
  waitForComment(match: (comment: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  /** Stops reading (the server sees the client go away). */
  close(): Promise<void>;
}

/** Reads `response` as an event stream; resolves once the server says `: connected` (it is subscribed). */
export async function readSse(response: Response): Promise<SseClient> {
  if (response.status !== 200) throw new Error(`event stream: ${response.status} ${await response.text()}`);
  const messages: EventSourceMessage[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  const changed = () => waiters.forEach((wake) => wake());
  const parser = createParser({
    onEvent: (message) => {
      messages.push(message);
      changed();
    },
    onComment: (comment) => {
      comments.push(comment.trim());
      changed();
    },
  });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let done = false;
  const ended = (async () => {
    try {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) break;
        parser.feed(chunk.value);
      }
    } catch {
      // cancelled by close()
    } finally {
      done = true;
      changed();
    }
  })();

  const wait = <T>(find: () => T | undefined, what: string, timeoutMs: number) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        const found = find();
        if (found !== undefined) {
          cleanup();
          resolve(found);
        } else if (done) {
          cleanup();
          reject(new Error(`stream ended before ${what}`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });

  const client: SseClient = {
    response,
    messages,
    comments,
    waitFor: (match, timeoutMs = 5_000) => wait(() => messages.find(match), 'a matching message', timeoutMs),
    waitForComment: (match, timeoutMs = 5_000) => wait(() => comments.find(match), 'a matching comment', timeoutMs),
    ended,
    close: async () => {
      await reader.cancel().catch(() => {});
      await ended;
    },
  };
  await client.waitForComment((comment) => comment === 'connected');
  return client;
}

/** The parsed `data:` of a message. */
export const dataOf = (message: EventSourceMessage) => JSON.parse(message.data) as Record<string, unknown>;
