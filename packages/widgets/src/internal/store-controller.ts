import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EntityType, Entry, PlazaClient } from '@plaza/sdk';

export interface EntryTarget {
  client: PlazaClient;
  id: string;
}

/**
 * Keeps a host subscribed to one `client.store` entry and re-renders it on every change. Whenever the
 * client or id changes (or the store is cleared on sign-out) it asks `load` to fill the entry; the host
 * renders whatever the store holds and never fetches itself.
 */
export class StoreController<T> implements ReactiveController {
  #target: EntryTarget | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: {
      type: EntityType;
      target: () => EntryTarget | undefined;
      /** `refresh`: skip the store's fresh copy and ask the server. */
      load: (client: PlazaClient, id: string, refresh: boolean) => Promise<unknown>;
    },
  ) {
    host.addController(this);
  }

  get entry(): Entry<T> | undefined {
    const target = this.#target;
    return target ? target.client.store.get<T>(this.options.type, target.id) : undefined;
  }

  /** Loads again (after an error, or to refresh); the result arrives through the store. */
  reload({ refresh = false } = {}): Promise<unknown> | undefined {
    const target = this.#target;
    // Failures are stored in the entry (status `error`), which is what the host renders.
    return target ? this.options.load(target.client, target.id, refresh).catch(() => undefined) : undefined;
  }

  hostConnected(): void {
    this.#sync();
  }

  hostUpdate(): void {
    this.#sync();
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#target = undefined;
  }

  #sync(): void {
    const next = this.options.target();
    const current = this.#target;
    if (current && next && current.client === next.client && current.id === next.id && this.#unsubscribe) return;
    if (!current && !next) return;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#target = next;
    if (!next) {
      this.host.requestUpdate();
      return;
    }
    const { type } = this.options;
    this.#unsubscribe = next.client.store.subscribe(type, next.id, () => {
      // A cleared store (sign-out, user switch) leaves the entry empty: load it again for the new viewer.
      if (this.#target === next && !next.client.store.get(type, next.id)) void this.reload();
      this.host.requestUpdate();
    });
    void this.reload();
    this.host.requestUpdate();
  }
}
