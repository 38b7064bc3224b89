import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

/**
 * Sets inline style properties through the CSSOM (`style.setProperty`), never through the `style` attribute:
 * a strict Content Security Policy (`style-src` without 'unsafe-inline') blocks style attributes, and Lit's
 * own `styleMap` writes the attribute on first render. Use as an element binding:
 * `<span ${styleProps({ width: '40%' })}>`. Properties are set, not removed: bind the same keys each render.
 */
class StyleProps extends Directive {
  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ELEMENT) throw new Error('styleProps binds to an element: <span ${styleProps({…})}>');
  }

  render(_properties: Readonly<Record<string, string>>): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [properties]: [Readonly<Record<string, string>>]): typeof noChange {
    const style = (part.element as HTMLElement).style;
    for (const [name, value] of Object.entries(properties)) style.setProperty(name, value);
    return noChange;
  }
}

export const styleProps = directive(StyleProps);
