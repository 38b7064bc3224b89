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
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(key);
    };
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
