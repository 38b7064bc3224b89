import type { EventName } from '@lit/react';
import type React from 'react';

/** The `on…` props of a component: each receives the element's own typed event class. */
export type EventHandlers<E extends Record<string, EventName>> = {
  [K in keyof E]?: (event: E[K]['__eventType']) => void;
};

/**
 * A React component for a Plaza element `I`: the element's public properties `K` (optional, typed as on the
 * class), one `onPlaza…` prop per event in `E`, the usual HTML attributes (`className`, `id`, `hidden`,
 * `aria-*`, `children`…) and a `ref` to the element itself.
 *
 * Only the properties the element declares with `@property` are props: Lit's own members (`updateComplete`,
 * `requestUpdate`…) are not, unlike the catch-all props type `createComponent` gives by default.
 */
export type PlazaComponent<
  I extends HTMLElement,
  K extends keyof I,
  E extends Record<string, EventName> = Record<never, EventName>,
> = React.ForwardRefExoticComponent<
  Omit<React.HTMLAttributes<I>, keyof E | K> & Partial<Pick<I, K>> & EventHandlers<E> & React.RefAttributes<I>
>;
