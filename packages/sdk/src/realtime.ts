import { RealtimeEvent, safeCheck } from '@plaza/contract/checks';
import { createSseParser } from './sse.ts';

/** Tuning of the event stream; the defaults suit a page, tests shorten them. */
export interface RealtimeOptions {
  /** First reconnect delay; doubles per failure (with jitter) up to `maxDelayMs`. Default 1 s. */
  baseDelayMs?: number;
  /** Default 30 s. */
  maxDelayMs?: number;
  /** Failed connects in a row before falling back to polling. Default 3. */
  failuresBeforePolling?: number;
  /** While polling, how often watched entities are re-read. Default 30 s. */
  pollIntervalMs?: number;
  /** While polling, how often the stream is tried again. Default 60 s. */
  retryStreamMs?: number;
  /** The stream stays open this long after the last watcher leaves (re-renders do not reconnect). Default 1 s. */
  idleCloseMs?: number;
  /**
   * A stream with nothing to resume from (no event received yet: a slow first connect, a reconnect) cannot
   * replay what changed before it was subscribed: when it opens, what was loaded more than this long before
   * is re-read. Default 2 s (a page whose data and stream arrive together re-reads nothing).
   */
  connectGraceMs?: number;
  /**
   * Tabs of one origin that give the same key share one stream: the first tab that needs it opens it (it
   * holds a Web Lock named after the key) and relays every event to the others over a BroadcastChannel; when
   * it closes or stops needing the stream, the next tab takes over and resumes from the last event relayed.
   * `null` (and wherever BroadcastChannel or Web Locks are missing): each page its own stream. The client sets
   * it for cookie sign-in (all tabs are the same person) and leaves it off for bearer tokens.
   */
  shareKey?: string | null;
}

export type RealtimeState = 'idle' | 'connecting' | 'open' | 'polling';

export interface RealtimeDeps {
  /** Opens `GET /v1/events` with auth; `lastEventId` goes in the `Last-Event-ID` header. */
  open(lastEventId: string | null, signal: AbortSignal): Promise<Response>;
  /** Called for every valid event, in order. */
  onEvent(event: RealtimeEvent): void;
  /**
   * Re-read everything watched: events may have been missed (polling, back from polling); with
   * `loadedBefore` (ms since the epoch), only what was loaded before then (a stream that opened late).
   */
  onResync(loadedBefore?: number): void;
  /**
   * With `shareKey`: who the stream is for (the signed-in user's id, `''` signed out); tabs share a stream
   * only with tabs of the same person. Without it, the key alone decides.
   */
  shareScope?(): Promise<string>;
  options?: RealtimeOptions;
}

/** The page's one event stream, shared by every widget of a client. */
export interface RealtimeConnection {
  readonly state: RealtimeState;
  /** The id of the last event received (sent back as `Last-Event-ID` to resume). */
  readonly lastEventId: string | null;
  /** Keeps the stream open while at least one holder has not released it; returns the release function. */
  retain(): () => void;
  /** Closes now and forgets the position (user change); reopens at once if still retained. */
  restart(): void;
  /** Listens to every event; returns the unsubscribe function. */
  on(listener: (event: RealtimeEvent) => void): () => void;
}

/** What the leading tab tells the others (and what they ask it). */
type RelayMessage =
  | { kind: 'event'; event: RealtimeEvent; id: string | null }
  | { kind: 'resync'; loadedBefore?: number }
  | { kind: 'state'; state: RealtimeState }
  | { kind: 'hello' }
  | { kind: 'restart' };

/** In Node, timers of the stream must not keep the process alive (a script that used the SDK can end). */
const unref = (timer: ReturnType<typeof setTimeout>) => {
  (timer as { unref?: () => void }).unref?.();
  return timer;
};

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = unref(setTimeout(resolve, ms));
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

/**
 * One Server-Sent Events connection read with `fetch` (so bearer tokens work, which `EventSource` cannot
 * send), opened while anything is retained: resumes with `Last-Event-ID`, reconnects with exponential
 * backoff and jitter, honours the server's `retry:`, and after repeated failures (a proxy that blocks
 * streaming, a server without `/v1/events`) falls back to polling while it keeps trying the stream.
 */
export function createRealtime(deps: RealtimeDeps): RealtimeConnection {
  const options = {
    baseDelayMs: 1000,
    maxDelayMs: 30_000,
    failuresBeforePolling: 3,
    pollIntervalMs: 30_000,
    retryStreamMs: 60_000,
    idleCloseMs: 1000,
    connectGraceMs: 2000,
    ...deps.options,
  };
  const listeners = new Set<(event: RealtimeEvent) => void>();
  let holders = 0;
  let state: RealtimeState = 'idle';
  let lastEventId: string | null = null;
  let serverRetryMs: number | null = null;
  let session: AbortController | null = null;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  const dispatch = (event: RealtimeEvent) => {
    deps.onEvent(event);
    for (const listener of [...listeners]) listener(event);
  };

  // Sharing between tabs: the tab holding the lock leads (opens the stream and relays), the others follow.
  const shareKey =
    options.shareKey && typeof BroadcastChannel !== 'undefined' && globalThis.navigator?.locks
      ? options.shareKey
      : null;
  let channel: BroadcastChannel | null = null;
  let leading = false;
  let lockWait: AbortController | null = null;
  let releaseLock: (() => void) | null = null;
  const relay = (message: RelayMessage) => {
    if (leading) channel?.postMessage(message);
  };
  const setState = (next: RealtimeState) => {
    state = next;
    relay({ kind: 'state', state: next });
  };
  const resync = (loadedBefore?: number) => {
    deps.onResync(loadedBefore);
    relay({ kind: 'resync', loadedBefore });
  };
  function onRelay({ data }: MessageEvent<RelayMessage>) {
    if (data.kind === 'restart') {
      // Another tab signed in as someone else (the cookie is shared): the stream is reopened as them.
      if (leading) restartStream();
      return;
    }
    if (data.kind === 'hello') {
      relay({ kind: 'state', state });
      return;
    }
    if (leading) return;
    if (data.kind === 'state') state = data.state;
    else if (data.kind === 'resync') deps.onResync(data.loadedBefore);
    else if (data.kind === 'event') {
      const parsed = safeCheck(RealtimeEvent, data.event);
      if (!parsed.success) return;
      if (data.id !== null) lastEventId = data.id;
      dispatch(parsed.data);
    }
  }

  /** Reads one response to its end; resolves when the server closes it, rejects on a broken stream. */
  async function read(response: Response, signal: AbortSignal) {
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const parse = createSseParser(
      (message) => {
        if (message.id !== undefined) lastEventId = message.id;
        let json: unknown;
        try {
          json = JSON.parse(message.data);
        } catch {
          return;
        }
        const parsed = safeCheck(RealtimeEvent, json);
        if (parsed.success) {
          dispatch(parsed.data);
          relay({ kind: 'event', event: parsed.data, id: lastEventId });
        }
      },
      (ms) => (serverRetryMs = ms),
    );
    signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined), { once: true });
    for (;;) {
      const { done, value } = await reader.read();
      if (done || signal.aborted) return;
      parse(value);
    }
  }

  /** Polls until `signal` aborts (the stream came back, or everything was released). */
  async function pollWhile(signal: AbortSignal) {
    while (!signal.aborted) {
      resync();
      await sleep(options.pollIntervalMs, signal);
    }
  }

  async function run(signal: AbortSignal) {
    let failures = 0;
    let polling: AbortController | null = null;
    const stopPolling = () => {
      polling?.abort();
      polling = null;
    };
    signal.addEventListener('abort', stopPolling, { once: true });
    while (!signal.aborted) {
      if (!polling) setState('connecting');
      let opened = false;
      try {
        const response = await deps.open(lastEventId, signal);
        const type = response.headers.get('Content-Type') ?? '';
        if (!response.ok || !response.body || !type.includes('text/event-stream')) {
          void response.body?.cancel().catch(() => undefined);
          throw new Error(`event stream refused: HTTP ${response.status}`);
        }
        opened = true;
        failures = 0;
        if (polling) {
          stopPolling();
          resync();
        } else if (lastEventId === null) {
          // Nothing to replay from: what changed before this stream was subscribed sent no event here.
          resync(Date.now() - options.connectGraceMs);
        }
        setState('open');
        await read(response, signal);
      } catch {
        if (signal.aborted) break;
        if (!opened) failures++;
      }
      if (signal.aborted) break;
      if (failures >= options.failuresBeforePolling) {
        if (!polling) {
          polling = new AbortController();
          setState('polling');
          void pollWhile(polling.signal);
        }
        await sleep(options.retryStreamMs, signal);
        continue;
      }
      const backoff = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, failures - 1));
      const delay = failures === 0 ? (serverRetryMs ?? options.baseDelayMs) : backoff * (0.5 + Math.random() / 2);
      await sleep(delay, signal);
    }
    // A stream replaced meanwhile (restart) leaves the state to its successor.
    if (!session || session.signal === signal) state = 'idle';
  }

  /** Opens this tab's own stream (unshared, or as the leader). */
  const startStream = () => {
    if (session) return;
    session = new AbortController();
    void run(session.signal);
  };
  const stopStream = () => {
    session?.abort();
    session = null;
  };
  const restartStream = () => {
    stopStream();
    lastEventId = null;
    serverRetryMs = null;
    startStream();
  };

  const start = () => {
    if (!shareKey) {
      startStream();
      return;
    }
    if (lockWait) return;
    const wait = (lockWait = new AbortController());
    state = 'connecting';
    void startShared(shareKey, wait.signal);
  };
  /** Joins the tabs of the same person under `key`: follows their leader, or leads when none does. */
  async function startShared(key: string, signal: AbortSignal) {
    // Tabs share a stream only with tabs signed in as the same person (a tab reloaded as someone else must
    // not follow a stream opened as the previous one). Unknown (the check failed): a stream of its own.
    const scope = deps.shareScope ? await deps.shareScope().catch(() => null) : '';
    if (signal.aborted) return;
    if (scope === null) {
      startStream();
      return;
    }
    const name = `${key}|${scope}`;
    channel = new BroadcastChannel(`${name}:events`);
    channel.onmessage = onRelay;
    // In Node, an open channel must not keep the process alive (like the stream's timers).
    (channel as BroadcastChannel & { unref?: () => void }).unref?.();
    channel.postMessage({ kind: 'hello' } satisfies RelayMessage);
    // Granted when no other tab leads (or the leader left): this tab then leads until it stops.
    globalThis.navigator.locks
      .request(
        `${name}:leader`,
        { signal },
        () =>
          new Promise<void>((resolve) => {
            if (signal.aborted) return resolve();
            leading = true;
            releaseLock = () => {
              leading = false;
              resolve();
            };
            startStream();
          }),
      )
      .catch(() => undefined);
  }
  const stop = () => {
    lockWait?.abort();
    lockWait = null;
    stopStream();
    releaseLock?.();
    releaseLock = null;
    channel?.close();
    channel = null;
    state = 'idle';
  };

  return {
    get state() {
      return state;
    },
    get lastEventId() {
      return lastEventId;
    },
    retain() {
      holders++;
      clearTimeout(idleTimer);
      start();
      let released = false;
      return () => {
        if (released) return;
        released = true;
        holders--;
        if (holders > 0) return;
        clearTimeout(idleTimer);
        idleTimer = unref(
          setTimeout(() => {
            if (holders === 0) stop();
          }, options.idleCloseMs),
        );
      };
    },
    restart() {
      if (shareKey && !leading) channel?.postMessage({ kind: 'restart' } satisfies RelayMessage);
      stop();
      lastEventId = null;
      serverRetryMs = null;
      if (holders > 0) start();
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
