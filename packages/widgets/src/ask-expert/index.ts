/** `@plaza/widgets/ask-expert`: the ask-an-expert box and its events, without registering a tag (see `define/ask-expert.js`). */
export { PlazaAskExpert } from './ask-expert.ts';
export { PlazaAcceptEvent, PlazaAnswerEvent, PlazaAskEvent } from './events.ts';
