import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Re-renders the host while it shows something time-relative ("closes in 3 minutes"). `interval()` returns how
 * often that text can change (ms), or null when nothing is ticking; the timer only runs while connected.
 */
export class ClockController implements ReactiveController {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly interval: () => number | null,
  ) {
    host.addController(this);
  }

  get now(): number {
    return Date.now();
  }

  hostConnected(): void {
    this.#connected = true;
  }

  hostUpdated(): void {
    this.#schedule();
  }

  hostDisconnected(): void {
    this.#connected = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const ms = this.#connected ? this.interval() : null;
    if (ms === null) return;
    this.#timer = setTimeout(() => this.host.requestUpdate(), Math.max(250, ms));
  }
}
