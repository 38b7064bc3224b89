import { html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import type { ReactionKind } from '@plaza/contract';

/** Small line icons drawn here (no emoji font needed, no icon library shipped); decorative, `aria-hidden`. */
const icon = (body: SVGTemplateResult): TemplateResult =>
  html`<svg
    class="icon"
    viewBox="0 0 24 24"
    width="16"
    height="16"
    aria-hidden="true"
    focusable="false"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
    stroke-linejoin="round"
  >
    ${body}
  </svg>`;

export const reactionIcons: Record<ReactionKind, TemplateResult> = {
  like: icon(
    svg`<path d="M7 10v11H3V10z" /><path d="M7 10l4-8a3 3 0 0 1 3 3v4h5.5a2 2 0 0 1 2 2.4l-1.5 7.8A2 2 0 0 1 18 21H7" />`,
  ),
  celebrate: icon(svg`<path d="M12 2.5l2.9 6 6.6.8-4.9 4.5 1.3 6.6L12 17.2l-5.9 3.2 1.3-6.6-4.9-4.5 6.6-.8z" />`),
  insightful: icon(
    svg`<path d="M9 18h6M10 21.5h4" /><path d="M12 2.5a6.5 6.5 0 0 0-3.8 11.8c.5.4.8 1 .8 1.7V16h6v-.1c0-.6.3-1.2.8-1.6A6.5 6.5 0 0 0 12 2.5z" />`,
  ),
  support: icon(
    svg`<path d="M12 20.5s-7.5-4.6-9.3-9.2A5 5 0 0 1 12 6.6a5 5 0 0 1 9.3 4.7c-1.8 4.6-9.3 9.2-9.3 9.2z" />`,
  ),
};

export const pinIcon = icon(svg`<path d="M12 16v6" /><path d="M8.5 2.5h7l-1 6.5 3.5 3.5V16H6v-3.5L9.5 9z" />`);
export const urgentIcon = icon(svg`<path d="M12 3 2 20.5h20z" /><path d="M12 9.5v5M12 17.5v.01" />`);
export const checkIcon = icon(svg`<path d="M4 12.5l5 5L20 6.5" />`);
