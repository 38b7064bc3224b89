import type { Comment, CreatePostRequest, Post, ReactionKind } from '@plaza/contract';

/**
 * Before a post is sent. Cancelable: `preventDefault()` keeps it from being sent (the draft stays in the
 * composer), e.g. to ask for a confirmation or to check the text against a house policy first.
 */
export class PlazaBeforePostEvent extends Event {
  constructor(readonly input: CreatePostRequest) {
    super('plaza-before-post', { bubbles: true, composed: true, cancelable: true });
  }
}

/** After the server accepted a new post. */
export class PlazaPostEvent extends Event {
  constructor(readonly post: Post) {
    super('plaza-post', { bubbles: true, composed: true });
  }
}

/** After the viewer's reaction changed; `kind` is null when it was removed. */
export class PlazaReactEvent extends Event {
  constructor(
    readonly postId: string,
    readonly kind: ReactionKind | null,
  ) {
    super('plaza-react', { bubbles: true, composed: true });
  }
}

/** After the server accepted a comment or reply. */
export class PlazaCommentEvent extends Event {
  constructor(
    readonly postId: string,
    readonly comment: Comment,
  ) {
    super('plaza-comment', { bubbles: true, composed: true });
  }
}

/** After the viewer confirmed "I have read this" on an announcement. */
export class PlazaAcknowledgeEvent extends Event {
  constructor(readonly postId: string) {
    super('plaza-acknowledge', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'plaza-before-post': PlazaBeforePostEvent;
    'plaza-post': PlazaPostEvent;
    'plaza-react': PlazaReactEvent;
    'plaza-comment': PlazaCommentEvent;
    'plaza-acknowledge': PlazaAcknowledgeEvent;
  }
}
