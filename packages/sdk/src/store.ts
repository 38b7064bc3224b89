import type { PlazaError } from './errors.ts';
import type { EntityStore, EntityType, Entry } from './types.ts';

const keyOf = (type: EntityType, id: string) => `${type}:${id}`;

/**
 * Normalised cache keyed by type and id, shared by every widget that uses the same client.
 * `generation` changes on `clear()`, so a response that was in flight for the previous user is dropped.
 */
export class Store implements EntityStore {
  #entries = new Map<string, Entry<unknown>>();
  #listeners = new Map<string, Set<() => void>>();
  #generation = 0;
  #listenerCount = 0;
  #activity = new Set<(active: boolean) => void>();

  get generation(): number {
    return this.#generation;
  }

  get<T>(type: EntityType, id: string): Entry<T> | undefined {
    return this.#entries.get(keyOf(type, id)) as Entry<T> | undefined;
  }

  subscribe(type: EntityType, id: string, listener: () => void): () => void {
    const key = keyOf(type, id);
    let set = this.#listeners.get(key);
    if (!set) this.#listeners.set(key, (set = new Set()));
    const added = !set.has(listener);
    set.add(listener);
    if (added && ++this.#listenerCount === 1) this.#emitActivity(true);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      if (!set.delete(listener)) return;
      if (set.size === 0) this.#listeners.delete(key);
      if (--this.#listenerCount === 0) this.#emitActivity(false);
    };
  }

  /** Calls `observer(true)` when the first subscriber arrives and `observer(false)` when the last leaves. */
  observeActivity(observer: (active: boolean) => void): () => void {
    this.#activity.add(observer);
    return () => this.#activity.delete(observer);
  }

  /** The entries somebody is subscribed to, as `[type, id]` pairs. */
  watched(): [EntityType, string][] {
    return [...this.#listeners.keys()].map((key) => {
      const colon = key.indexOf(':');
      return [key.slice(0, colon) as EntityType, key.slice(colon + 1)];
    });
  }

  #emitActivity(active: boolean) {
    for (const observer of [...this.#activity]) observer(active);
  }

  clear(): void {
    this.#generation++;
    this.#entries.clear();
    for (const set of this.#listeners.values()) for (const listener of [...set]) listener();
  }

  setLoading(type: EntityType, id: string): void {
    const previous = this.get(type, id);
    this.#write(type, id, {
      status: 'loading',
      value: previous?.value,
      error: undefined,
      updatedAt: previous?.updatedAt ?? 0,
    });
  }

  setValue<T>(type: EntityType, id: string, value: T): void {
    this.#write(type, id, { status: 'ready', value, error: undefined, updatedAt: Date.now() });
  }

  /** Keeps the last good value so a failed refresh does not blank a widget. */
  setError(type: EntityType, id: string, error: PlazaError): void {
    const previous = this.get(type, id);
    this.#write(type, id, {
      status: previous?.value === undefined ? 'error' : 'ready',
      value: previous?.value,
      error,
      updatedAt: previous?.updatedAt ?? 0,
    });
  }

  #write(type: EntityType, id: string, entry: Entry<unknown>): void {
    const key = keyOf(type, id);
    this.#entries.set(key, entry);
    for (const listener of [...(this.#listeners.get(key) ?? [])]) listener();
  }
}
