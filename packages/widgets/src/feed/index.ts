/** `@plaza/widgets/feed`: the feed and its parts, without registering a tag (see `define/feed.js`). */
export { PlazaFeed } from './feed.ts';
export { PlazaPost } from './post.ts';
export { PlazaComposer } from './composer.ts';
export { PlazaPollComposer } from './poll-composer.ts';
export {
  PlazaAcknowledgeEvent,
  PlazaBeforePostEvent,
  PlazaCommentEvent,
  PlazaPostEvent,
  PlazaReactEvent,
} from './events.ts';
