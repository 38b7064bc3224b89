import type { Membership } from '@plaza/contract';

/** After the server accepted the viewer into an open group; `membership` is their new standing. */
export class PlazaJoinEvent extends Event {
  constructor(
    readonly groupId: string,
    readonly membership: Exclude<Membership, 'pending' | 'none'>,
  ) {
    super('plaza-join', { bubbles: true, composed: true });
  }
}

/**
 * After the viewer asked to join a group (`action` `sent`, they are now pending) or withdrew that request
 * (`cancelled`).
 */
export class PlazaRequestEvent extends Event {
  constructor(
    readonly groupId: string,
    readonly action: 'sent' | 'cancelled',
  ) {
    super('plaza-request', { bubbles: true, composed: true });
  }
}

/**
 * Before the viewer's "leave" is sent, after they confirmed it in the card. Cancelable: `preventDefault()`
 * keeps them in the group (e.g. to show the host page's own warning first).
 */
export class PlazaBeforeLeaveEvent extends Event {
  constructor(readonly groupId: string) {
    super('plaza-before-leave', { bubbles: true, composed: true, cancelable: true });
  }
}

/** After the server took the viewer out of the group. */
export class PlazaLeaveEvent extends Event {
  constructor(readonly groupId: string) {
    super('plaza-leave', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'plaza-join': PlazaJoinEvent;
    'plaza-request': PlazaRequestEvent;
    'plaza-before-leave': PlazaBeforeLeaveEvent;
    'plaza-leave': PlazaLeaveEvent;
  }
}
