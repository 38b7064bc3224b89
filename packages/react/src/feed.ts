import '@plaza/widgets/define/feed';
import { createComponent, type EventName } from '@lit/react';
import React from 'react';
import {
  PlazaFeed as PlazaFeedElement,
  type PlazaAcknowledgeEvent,
  type PlazaBeforePostEvent,
  type PlazaBeforeVoteEvent,
  type PlazaCommentEvent,
  type PlazaPollCloseEvent,
  type PlazaPostEvent,
  type PlazaReactEvent,
  type PlazaVoteEvent,
} from '@plaza/widgets';
import type { PlazaComponent } from './types.ts';

/** The `plaza-*` events of `<plaza-feed>` (its posts, composer and attached polls), by React prop. */
export const feedEvents = {
  /** Before a new post is sent; `preventDefault()` keeps it from being sent (the draft stays). */
  onPlazaBeforePost: 'plaza-before-post' as EventName<PlazaBeforePostEvent>,
  /** After the server accepted a new post. */
  onPlazaPost: 'plaza-post' as EventName<PlazaPostEvent>,
  /** After the viewer's reaction to a post changed; `kind` is null when it was removed. */
  onPlazaReact: 'plaza-react' as EventName<PlazaReactEvent>,
  /** After the server accepted a comment or reply. */
  onPlazaComment: 'plaza-comment' as EventName<PlazaCommentEvent>,
  /** After the viewer confirmed "I have read this" on an announcement. */
  onPlazaAcknowledge: 'plaza-acknowledge' as EventName<PlazaAcknowledgeEvent>,
  /** A poll attached to a post: before a ballot is sent. Cancelable. */
  onPlazaBeforeVote: 'plaza-before-vote' as EventName<PlazaBeforeVoteEvent>,
  /** A poll attached to a post: after the server accepted the ballot. */
  onPlazaVote: 'plaza-vote' as EventName<PlazaVoteEvent>,
  /** A poll attached to a post: after the viewer closed it. */
  onPlazaPollClose: 'plaza-poll-close' as EventName<PlazaPollCloseEvent>,
};

/** Props of {@link PlazaFeed}. */
export type PlazaFeedProps = React.ComponentProps<typeof PlazaFeed>;

/**
 * `<plaza-feed>`: posts, announcements, reactions, comments, live. Registers the element (and its posts and
 * composer) when imported.
 *
 * @example
 * <PlazaFeed groupId="grp-solar-service" compose onPlazaPost={(event) => track(event.post.id)} />
 */
export const PlazaFeed: PlazaComponent<
  PlazaFeedElement,
  'groupId' | 'topic' | 'authorId' | 'pageSize' | 'compose' | 'infiniteScroll' | 'mentionUrl' | 'topicUrl',
  typeof feedEvents
> = /* @__PURE__ */ createComponent({
  react: React,
  tagName: 'plaza-feed',
  elementClass: PlazaFeedElement,
  events: feedEvents,
  displayName: 'PlazaFeed',
});
