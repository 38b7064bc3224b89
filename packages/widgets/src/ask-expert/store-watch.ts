import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EntityType, PlazaClient } from '@plaza/sdk';

/**
 * Keeps the host subscribed to a changing set of store entries (the list, each question in it, the open
 * threads, the experts, `me`) and re-renders it when any of them changes. Which entries: `keys()`, read
 * after every update; the subscriptions follow it. Loading is the host's business.
 */
export class StoreWatchController implements ReactiveController {
  #client: PlazaClient | undefined;
  #subscriptions = new Map<string, () => void>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly client: () => PlazaClient | undefined,
    private readonly keys: () => [EntityType, string][],
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#sync();
  }

  hostUpdated(): void {
    this.#sync();
  }

  hostDisconnected(): void {
    this.#clear();
  }

  #clear(): void {
    for (const unsubscribe of this.#subscriptions.values()) unsubscribe();
    this.#subscriptions.clear();
  }

  #sync(): void {
    const client = this.client();
    if (client !== this.#client) {
      this.#clear();
      this.#client = client;
    }
    if (!client) return;
    const wanted = new Map(this.keys().map(([type, id]) => [`${type}\u0000${id}`, [type, id] as const]));
    for (const [key, unsubscribe] of this.#subscriptions) {
      if (wanted.has(key)) continue;
      unsubscribe();
      this.#subscriptions.delete(key);
    }
    for (const [key, [type, id]] of wanted) {
      if (this.#subscriptions.has(key)) continue;
      this.#subscriptions.set(
        key,
        client.store.subscribe(type, id, () => this.host.requestUpdate()),
      );
    }
  }
}
