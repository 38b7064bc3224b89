/**
 * @plaza/react — one React component per Plaza element, made with @lit/react: typed props from the element's
 * properties and one `onPlaza…` prop per `plaza-*` event, typed with the element's event class.
 *
 * Importing a component registers its element under the `plaza-` prefix (the `@plaza/widgets/define/…`
 * module), so nothing else is needed; unused components are tree-shaken with their elements.
 */
export { PlazaConfig, type PlazaConfigProps } from './config.ts';
export { PlazaPoll, type PlazaPollProps } from './poll.ts';
export { PlazaFeed, type PlazaFeedProps } from './feed.ts';
export { PlazaGroupCard, type PlazaGroupCardProps } from './group-card.ts';
export { PlazaAskExpert, type PlazaAskExpertProps } from './ask-expert.ts';
export type { EventHandlers, PlazaComponent } from './types.ts';
// Page-wide configuration without a <PlazaConfig>, and the event classes the `onPlaza…` props receive.
export {
  Plaza,
  PlazaAcceptEvent,
  PlazaAcknowledgeEvent,
  PlazaAnswerEvent,
  PlazaAskEvent,
  PlazaBeforeLeaveEvent,
  PlazaBeforePostEvent,
  PlazaBeforeVoteEvent,
  PlazaCommentEvent,
  PlazaJoinEvent,
  PlazaLeaveEvent,
  PlazaPollCloseEvent,
  PlazaPostEvent,
  PlazaReactEvent,
  PlazaRequestEvent,
  PlazaVoteEvent,
  type PlazaDefaults,
  type PlazaTheme,
} from '@plaza/widgets';
