import '@plaza/widgets/define/poll';
import { createComponent, type EventName } from '@lit/react';
import React from 'react';
import {
  PlazaPoll as PlazaPollElement,
  type PlazaBeforeVoteEvent,
  type PlazaPollCloseEvent,
  type PlazaVoteEvent,
} from '@plaza/widgets';
import type { PlazaComponent } from './types.ts';

/** The `plaza-*` events of `<plaza-poll>`, by React prop. */
export const pollEvents = {
  /** Before a ballot (or a retraction, `optionIds` empty) is sent; `preventDefault()` keeps it from being sent. */
  onPlazaBeforeVote: 'plaza-before-vote' as EventName<PlazaBeforeVoteEvent>,
  /** After the server accepted the ballot; `optionIds` is empty for a retraction. */
  onPlazaVote: 'plaza-vote' as EventName<PlazaVoteEvent>,
  /** After the viewer (its creator or a manager) closed the poll. */
  onPlazaPollClose: 'plaza-poll-close' as EventName<PlazaPollCloseEvent>,
};

/** Props of {@link PlazaPoll}. */
export type PlazaPollProps = React.ComponentProps<typeof PlazaPoll>;

/**
 * `<plaza-poll>`: vote, change or retract, results, close. Registers the element when imported.
 *
 * @example
 * <PlazaPoll pollId="poll-townhall" onPlazaVote={(event) => setVoted(event.optionIds)} />
 */
export const PlazaPoll: PlazaComponent<PlazaPollElement, 'pollId', typeof pollEvents> = /* @__PURE__ */ createComponent(
  {
    react: React,
    tagName: 'plaza-poll',
    elementClass: PlazaPollElement,
    events: pollEvents,
    displayName: 'PlazaPoll',
  },
);
