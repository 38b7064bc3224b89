import { html, nothing, type TemplateResult } from 'lit';
import type { BlockNode, InlineNode } from '@plaza/contract';

/**
 * A minimal renderer of question and answer bodies (rich-text nodes → Lit templates, never HTML strings).
 * TEMPORARY: the integrator replaces this file with the shared renderer `internal/rich-text.ts` (owned by the
 * feed helper). It handles paragraph, text, strong, emphasis, code, code block, link (safe hrefs only),
 * list and quote; anything else (mentions, topics, images) falls back to its text.
 */

/** Only absolute http(s) and mailto links become links; the server checks this too. */
const SAFE_HREF = /^(https?:\/\/|mailto:)/i;

function inline(node: InlineNode): TemplateResult | string {
  switch (node.type) {
    case 'text':
      return node.text;
    case 'code':
      return html`<code>${node.text}</code>`;
    case 'strong':
      return html`<strong>${node.children.map(inline)}</strong>`;
    case 'emphasis':
      return html`<em>${node.children.map(inline)}</em>`;
    case 'link':
      return SAFE_HREF.test(node.href)
        ? html`<a href=${node.href} rel="noopener noreferrer" target="_blank">${node.children.map(inline)}</a>`
        : html`${node.children.map(inline)}`;
    case 'mention':
      return `@${node.name}`;
    case 'topic':
      return `#${node.tag}`;
    case 'image':
      return node.alt;
    default:
      return '';
  }
}

function block(node: BlockNode): TemplateResult | typeof nothing {
  switch (node.type) {
    case 'paragraph':
      return html`<p>${node.children.map(inline)}</p>`;
    case 'codeBlock':
      return html`<pre><code>${node.text}</code></pre>`;
    case 'quote':
      return html`<blockquote>${node.children.map(block)}</blockquote>`;
    case 'list': {
      const items = node.items.map((item) => html`<li>${item.children.map(block)}</li>`);
      return node.ordered
        ? html`<ol start=${node.start ?? 1}>
            ${items}
          </ol>`
        : html`<ul>
            ${items}
          </ul>`;
    }
    default:
      return nothing;
  }
}

/** The nodes of a body as templates. */
export function renderBody(nodes: readonly BlockNode[]): TemplateResult {
  return html`${nodes.map(block)}`;
}
