import type { Answer, Question } from '@plaza/contract';

/** After the server accepted a new question (also when it was posted anonymously). */
export class PlazaAskEvent extends Event {
  constructor(readonly question: Question) {
    super('plaza-ask', { bubbles: true, composed: true });
  }
}

/** After the server accepted the viewer's answer to a question. */
export class PlazaAnswerEvent extends Event {
  constructor(
    readonly questionId: string,
    readonly answer: Answer,
  ) {
    super('plaza-answer', { bubbles: true, composed: true });
  }
}

/** After the viewer (the asker or a topic expert) accepted an answer. */
export class PlazaAcceptEvent extends Event {
  constructor(
    readonly questionId: string,
    readonly answerId: string,
  ) {
    super('plaza-accept', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'plaza-ask': PlazaAskEvent;
    'plaza-answer': PlazaAnswerEvent;
    'plaza-accept': PlazaAcceptEvent;
  }
}
