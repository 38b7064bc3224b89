/** `@plaza/widgets/poll`: the poll element and its events, without registering a tag (see `define/poll.js`). */
export { PlazaPoll } from './poll.ts';
export { PlazaBeforeVoteEvent, PlazaPollCloseEvent, PlazaVoteEvent } from './events.ts';
