/** `@plaza/widgets/group-card`: the group card and its events, without registering a tag (see `define/group-card.js`). */
export { PlazaGroupCard, type GroupCardLayout, type GroupContributor } from './group-card.ts';
export { PlazaBeforeLeaveEvent, PlazaJoinEvent, PlazaLeaveEvent, PlazaRequestEvent } from './events.ts';
