/** After the server accepted the viewer's ballot; `optionIds` is empty when the vote was retracted. */
export class PlazaVoteEvent extends Event {
  constructor(
    readonly pollId: string,
    readonly optionIds: string[],
  ) {
    super('plaza-vote', { bubbles: true, composed: true });
  }
}

/**
 * Before a ballot is sent (`optionIds` empty for a retraction). Cancelable: `preventDefault()` keeps the vote
 * from being sent, e.g. to ask for a confirmation or to sign the user in first.
 */
export class PlazaBeforeVoteEvent extends Event {
  constructor(
    readonly pollId: string,
    readonly optionIds: string[],
  ) {
    super('plaza-before-vote', { bubbles: true, composed: true, cancelable: true });
  }
}

/** After the poll was closed by the viewer (its creator or a manager). */
export class PlazaPollCloseEvent extends Event {
  constructor(readonly pollId: string) {
    super('plaza-poll-close', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'plaza-vote': PlazaVoteEvent;
    'plaza-before-vote': PlazaBeforeVoteEvent;
    'plaza-poll-close': PlazaPollCloseEvent;
  }
}
