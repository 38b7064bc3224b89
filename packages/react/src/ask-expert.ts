import '@plaza/widgets/define/ask-expert';
import { createComponent, type EventName } from '@lit/react';
import React from 'react';
import {
  PlazaAskExpert as PlazaAskExpertElement,
  type PlazaAcceptEvent,
  type PlazaAnswerEvent,
  type PlazaAskEvent,
} from '@plaza/widgets';
import type { PlazaComponent } from './types.ts';

/** The `plaza-*` events of `<plaza-ask-expert>`, by React prop. */
export const askExpertEvents = {
  /** After the server accepted a new question (also an anonymous one). */
  onPlazaAsk: 'plaza-ask' as EventName<PlazaAskEvent>,
  /** After the server accepted the viewer's answer. */
  onPlazaAnswer: 'plaza-answer' as EventName<PlazaAnswerEvent>,
  /** After the viewer (the asker or a topic expert) accepted an answer. */
  onPlazaAccept: 'plaza-accept' as EventName<PlazaAcceptEvent>,
};

/** Props of {@link PlazaAskExpert}. */
export type PlazaAskExpertProps = React.ComponentProps<typeof PlazaAskExpert>;

/**
 * `<plaza-ask-expert>`: ask, similar questions, answers, accepted answer, the topic's experts. Registers the
 * element when imported.
 *
 * @example
 * <PlazaAskExpert topic="vpn" onPlazaAsk={(event) => console.log(event.question.id)} />
 */
export const PlazaAskExpert: PlazaComponent<
  PlazaAskExpertElement,
  'topic' | 'groupId' | 'label',
  typeof askExpertEvents
> = /* @__PURE__ */ createComponent({
  react: React,
  tagName: 'plaza-ask-expert',
  elementClass: PlazaAskExpertElement,
  events: askExpertEvents,
  displayName: 'PlazaAskExpert',
});
