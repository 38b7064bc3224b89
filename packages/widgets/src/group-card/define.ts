import { defineElement } from '../internal/define.ts';
import { PlazaGroupCard } from './group-card.ts';

defineElement('plaza-group-card', PlazaGroupCard);

declare global {
  interface HTMLElementTagNameMap {
    'plaza-group-card': PlazaGroupCard;
  }
}
