import { defineElement } from '../internal/define.ts';
import { PlazaAskExpert } from './ask-expert.ts';

defineElement('plaza-ask-expert', PlazaAskExpert);

declare global {
  interface HTMLElementTagNameMap {
    'plaza-ask-expert': PlazaAskExpert;
  }
}
