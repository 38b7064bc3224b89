/**
 * @plaza/widgets — the Lit elements and their API, without registering any tag: import `@plaza/widgets/define`
 * (or one element's `define/…` entry) to register, or call `customElements.define` with your own names.
 */
export { PlazaConfig } from './config/config.ts';
export { PlazaPoll } from './poll/poll.ts';
export { PlazaBeforeVoteEvent, PlazaPollCloseEvent, PlazaVoteEvent } from './poll/events.ts';
export { PlazaFeed } from './feed/feed.ts';
export { PlazaPost } from './feed/post.ts';
export { PlazaComposer } from './feed/composer.ts';
export { PlazaPollComposer } from './feed/poll-composer.ts';
export {
  PlazaAcknowledgeEvent,
  PlazaBeforePostEvent,
  PlazaCommentEvent,
  PlazaPostEvent,
  PlazaReactEvent,
} from './feed/events.ts';
export { renderRichText, type RichTextOptions } from './internal/rich-text.ts';
export { richTextStyles } from './internal/rich-text.styles.ts';
export { PlazaGroupCard, type GroupCardLayout, type GroupContributor } from './group-card/group-card.ts';
export { PlazaBeforeLeaveEvent, PlazaJoinEvent, PlazaLeaveEvent, PlazaRequestEvent } from './group-card/events.ts';
export { definePlaza, type DefinePlazaOptions, type PlazaElementName } from './define-plaza.ts';
export { PlazaAskExpert } from './ask-expert/ask-expert.ts';
export { PlazaAcceptEvent, PlazaAnswerEvent, PlazaAskEvent } from './ask-expert/events.ts';
export { Plaza, type PlazaDefaults } from './internal/defaults.ts';
export type { PlazaConfigValue, PlazaTheme } from './internal/context.ts';
export { PlazaElement } from './internal/plaza-element.ts';
export { LocalizeController } from './internal/localize.ts';
export type { StringTable, Translation } from './locales/types.ts';
