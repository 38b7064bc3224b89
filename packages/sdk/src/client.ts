import type { CreatePollRequest } from '@plaza/contract';
import { Group, GroupList, GroupRequestList, Poll, PollList, User, UserSearchResult } from '@plaza/contract/checks';
import { createBatcher } from './batcher.ts';
import { PlazaError } from './errors.ts';
import { Store } from './store.ts';
import type { RealtimeConnection, RealtimeDeps } from './realtime.ts';
import { createStreamOpener, createTransport, newIdempotencyKey } from './transport.ts';
import {
  CLIENT_INTERNALS,
  type ClientInternals,
  type ClientOptions,
  type EntityType,
  type PlazaClient,
} from './types.ts';
import { withBallot } from './optimistic.ts';

/**
 * The page's event stream, its code (realtime.ts, the SSE reader) loaded when something first retains the stream
 * — once a widget holds data — rather than with the page: the same connection, answering at once meanwhile
 * (`connecting` while the code loads, listeners kept for it). Should the code fail to load, widgets work
 * without live updates and the next retain tries again.
 */
function deferredRealtime(deps: RealtimeDeps): RealtimeConnection {
  let real: RealtimeConnection | undefined;
  let loading: Promise<RealtimeConnection> | undefined;
  const listeners = new Set<Parameters<RealtimeConnection['on']>[0]>();
  const start = () =>
    (loading ??= import('./realtime.ts').then(
      ({ createRealtime }) => {
        real = createRealtime(deps);
        real.on((event) => {
          for (const listener of listeners) listener(event);
        });
        return real;
      },
      (error: unknown) => {
        loading = undefined;
        console.warn('[plaza] live updates are off: the realtime code did not load', error);
        throw error;
      },
    ));
  return {
    get state() {
      return real?.state ?? (loading ? 'connecting' : 'idle');
    },
    get lastEventId() {
      return real?.lastEventId ?? null;
    },
    retain() {
      if (real) return real.retain();
      let released = false;
      let release: (() => void) | undefined;
      start().then(
        (connection) => {
          if (!released) release = connection.retain();
        },
        () => undefined,
      );
      return () => {
        if (released) return;
        released = true;
        release?.();
      };
    },
    restart: () => real?.restart(),
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** How long a loaded entity counts as fresh: a second render within it makes no request. */
const FRESH_MS = 30_000;

/** Creates a Plaza API client. Every widget given the same client shares one store and one request queue. */
export function createClient(options: ClientOptions): PlazaClient {
  const request = createTransport(options);
  const store = new Store();
  const inFlight = new Map<string, Promise<unknown>>();

  /** Loads into the store, once per key at a time; a reset in between drops the stale answer. */
  function load<T>(type: EntityType, id: string, fetcher: () => Promise<T>, force = false): Promise<T> {
    const key = `${type}:${id}`;
    const entry = store.get<T>(type, id);
    if (!force && entry?.status === 'ready' && entry.value !== undefined && Date.now() - entry.updatedAt < FRESH_MS) {
      return Promise.resolve(entry.value);
    }
    const running = inFlight.get(key) as Promise<T> | undefined;
    if (running) return running;
    const generation = store.generation;
    store.setLoading(type, id);
    const promise = fetcher().then(
      (value) => {
        if (store.generation === generation) store.setValue(type, id, value);
        return value;
      },
      (error: unknown) => {
        if (store.generation === generation) store.setError(type, id, toPlazaError(error));
        throw error;
      },
    );
    const settled = () => {
      if (inFlight.get(key) === promise) inFlight.delete(key);
    };
    promise.then(settled, settled);
    inFlight.set(key, promise);
    return promise;
  }

  const getPollBatched = createBatcher<Poll>({
    load: async (ids) =>
      (await request(`v1/polls?ids=${ids.map(encodeURIComponent).join(',')}`, { schema: PollList })).items,
    idOf: (poll) => poll.id,
    missing: () => new PlazaError('not_found', 'This poll does not exist or is not visible to you', 404),
  });

  const pollPath = (id: string) => `v1/polls/${encodeURIComponent(id)}`;

  const getGroupBatched = createBatcher<Group>({
    load: async (ids) =>
      (await request(`v1/groups?ids=${ids.map(encodeURIComponent).join(',')}`, { schema: GroupList })).items,
    idOf: (group) => group.id,
    missing: () => new PlazaError('not_found', 'This group does not exist', 404),
  });
  const groupPath = (id: string) => `v1/groups/${encodeURIComponent(id)}`;

  /**
   * A membership write: sends it, puts the server's group in the store; on a 409 (the group changed
   * meanwhile: policy, someone else handled the request) re-reads the group so the card shows the true state.
   */
  async function writeGroup(id: string, path: string, method: 'POST' | 'DELETE') {
    try {
      const group = await request(path, { method, schema: Group, idempotencyKey: newIdempotencyKey() });
      store.setValue('group', id, group);
      return group;
    } catch (error) {
      const plazaError = toPlazaError(error);
      if (plazaError.status === 409 || outcomeUnknown(plazaError)) {
        void load('group', id, () => request(groupPath(id), { schema: Group }), true).catch(() => undefined);
      }
      throw plazaError;
    }
  }

  /** How to re-read an entity of each type when an event names it or the stream was interrupted. */
  const refreshers: ClientInternals['refreshers'] = {
    poll: (id) => load('poll', id, () => getPollBatched(id), true),
    group: (id) => load('group', id, () => getGroupBatched(id), true),
  };
  const refresh = (type: EntityType, id: string) => void refreshers[type]?.(id).catch(() => undefined);
  /** Event type prefix → entity type in the store (resource modules add theirs). */
  const eventEntities: ClientInternals['eventEntities'] = { poll: 'poll', group: 'group' };
  const eventListeners: ClientInternals['eventListeners'] = new Set();

  const realtimeOption = options.realtime ?? true;
  const realtime = deferredRealtime({
    open: createStreamOpener(options),
    // The shared stream's person: the same `me` the widgets load (one request for both).
    shareScope: async () => (await client.me())?.id ?? '',
    onEvent: (event) => {
      const type = eventEntities[event.type.slice(0, event.type.indexOf('.'))];
      // Only what this page holds is re-read (batched with other events of the same tick).
      if (type && store.get(type, event.entityId)?.value !== undefined) refresh(type, event.entityId);
      for (const listener of eventListeners) listener(event);
    },
    onResync: (loadedBefore) => {
      for (const [type, id] of store.watched()) {
        const entry = store.get(type, id);
        if (entry?.value !== undefined && (loadedBefore === undefined || entry.updatedAt < loadedBefore)) {
          refresh(type, id);
        }
      }
    },
    options: {
      // Cookie sign-in: every tab of the origin is the same person, so the tabs share one stream.
      shareKey: options.getToken || options.fetch ? null : `plaza:${options.baseUrl}|${options.credentials ?? ''}`,
      ...(typeof realtimeOption === 'object' ? realtimeOption : {}),
    },
  });
  if (realtimeOption !== false) {
    let release: (() => void) | null = null;
    store.observeActivity((active) => {
      if (active) release ??= realtime.retain();
      else {
        release?.();
        release = null;
      }
    });
  }

  /**
   * Shows `optimistic` at once, sends the write, and puts the server's answer in the store; on failure
   * restores the previous value (unless something newer replaced the optimistic one) and re-reads the
   * poll when the refusal means our copy was out of date (closed meanwhile, options changed).
   */
  async function writePoll(id: string, send: (key: string) => Promise<Poll>, optimistic?: (poll: Poll) => Poll) {
    const before = store.get<Poll>('poll', id)?.value;
    const shown = before && optimistic ? optimistic(before) : undefined;
    if (shown) store.setValue('poll', id, shown);
    try {
      const poll = await send(newIdempotencyKey());
      store.setValue('poll', id, poll);
      return poll;
    } catch (error) {
      if (shown && store.get<Poll>('poll', id)?.value === shown) store.setValue('poll', id, before);
      const plazaError = toPlazaError(error);
      if (plazaError.status === 409 || plazaError.code === 'invalid_option' || outcomeUnknown(plazaError)) {
        void load('poll', id, () => request(pollPath(id), { schema: Poll }), true).catch(() => undefined);
      }
      throw plazaError;
    }
  }

  const client: PlazaClient = {
    baseUrl: options.baseUrl,
    store,
    me: ({ refresh = false } = {}) =>
      load(
        'me',
        'current',
        () =>
          request('v1/me', { schema: User }).catch((error: unknown) => {
            if (error instanceof PlazaError && error.code === 'unauthenticated') return null;
            throw error;
          }),
        refresh,
      ),
    polls: {
      get: (id, { refresh = false } = {}) => load('poll', id, () => getPollBatched(id), refresh),
      create: (input: CreatePollRequest) =>
        request('v1/polls', { method: 'POST', body: input, schema: Poll, idempotencyKey: newIdempotencyKey() }).then(
          (poll) => {
            store.setValue('poll', poll.id, poll);
            return poll;
          },
        ),
      vote: (id, optionIds) =>
        writePoll(
          id,
          (key) =>
            request(`${pollPath(id)}/vote`, { method: 'PUT', body: { optionIds }, schema: Poll, idempotencyKey: key }),
          (poll) => withBallot(poll, optionIds),
        ),
      retractVote: (id) =>
        writePoll(
          id,
          (key) => request(`${pollPath(id)}/vote`, { method: 'DELETE', schema: Poll, idempotencyKey: key }),
          (poll) => withBallot(poll, []),
        ),
      close: (id) =>
        writePoll(id, (key) => request(`${pollPath(id)}/close`, { method: 'POST', schema: Poll, idempotencyKey: key })),
    },
    groups: {
      get: (id, { refresh = false } = {}) => load('group', id, () => getGroupBatched(id), refresh),
      join: (id) => writeGroup(id, `${groupPath(id)}/join`, 'POST'),
      requestToJoin: (id) => writeGroup(id, `${groupPath(id)}/requests`, 'POST'),
      cancelRequest: (id) => writeGroup(id, `${groupPath(id)}/requests/mine`, 'DELETE'),
      leave: (id) => writeGroup(id, `${groupPath(id)}/leave`, 'POST'),
      requests: async (id) => (await request(`${groupPath(id)}/requests`, { schema: GroupRequestList })).items,
      approve: (id, userId) =>
        writeGroup(id, `${groupPath(id)}/requests/${encodeURIComponent(userId)}/approve`, 'POST'),
      deny: (id, userId) => writeGroup(id, `${groupPath(id)}/requests/${encodeURIComponent(userId)}/deny`, 'POST'),
    },
    users: {
      search: async (query) =>
        (await request(`v1/users?query=${encodeURIComponent(query)}`, { schema: UserSearchResult })).items,
    },
    realtime,
    reset: () => {
      inFlight.clear();
      store.clear();
      // Another user may see other things: reconnect as them, from now.
      realtime.restart();
    },
  };
  const internals: ClientInternals = {
    options,
    request,
    store,
    load,
    refreshers,
    eventEntities,
    eventListeners,
    extensions: new Map(),
  };
  Object.defineProperty(client, CLIENT_INTERNALS, { value: internals });
  return client;
}

/**
 * A failed write whose effect is unknown: the network failed (after retries) or the answer was unreadable, so
 * the server may have acted. The store re-reads the entity rather than trust the rolled-back copy.
 */
const outcomeUnknown = (error: PlazaError) =>
  error.code === 'network' || error.code === 'invalid_response' || error.status >= 500;

const toPlazaError = (error: unknown): PlazaError =>
  error instanceof PlazaError
    ? error
    : new PlazaError('internal', error instanceof Error ? error.message : String(error));

const CLIENTS = Symbol.for('plaza.sdk.clients');

/**
 * The page's client for these options: every widget, and every copy of the library on the page
 * (the registry is keyed with `Symbol.for`), gets the same instance and so the same store.
 */
export function sharedClient(options: ClientOptions): PlazaClient {
  const registry = ((globalThis as Record<symbol, unknown>)[CLIENTS] ??= new Map()) as Map<string, PlazaClient>;
  const key = `${options.baseUrl}|${options.credentials ?? 'same-origin'}|${options.getToken ? 'token' : 'cookie'}`;
  let client = registry.get(key);
  if (!client || options.getToken || options.fetch) {
    client = createClient(options);
    if (!options.getToken && !options.fetch) registry.set(key, client);
  }
  return client;
}
