import { html, nothing, type TemplateResult } from 'lit';
import type { BlockNode, InlineNode } from '@plaza/contract';
import { SAFE_HREF_PATTERN } from '@plaza/contract/limits';

/**
 * The one renderer of rich text (post bodies, comments, answers, group descriptions): the server's node tree
 * (packages/contract/src/rich-text.ts) becomes Lit templates. No HTML string is ever interpreted — every piece
 * of user text is a text binding — so markup in a post shows as the characters it is. Defence in depth
 * against a backend that does not validate: link targets are checked again, image ids are URL-encoded,
 * unknown node kinds render their text only, and nesting deeper than {@link MAX_DEPTH} is flattened.
 */

/** How mentions, topics and images turn into URLs; every field optional. */
export interface RichTextOptions {
  /** The client's API base (`client.baseUrl`): images load from `<base>v1/files/<id>`. */
  baseUrl?: string;
  /**
   * URL template of a person's profile, `{id}` (and `{name}`) replaced, URL-encoded: `/people/{id}`.
   * Without one (or when the result is not an http(s) or relative URL) a mention is plain emphasised text.
   */
  mentionUrl?: string | null;
  /** URL template of a topic's page, `{topic}` replaced, URL-encoded: `/feed?topic={topic}`. */
  topicUrl?: string | null;
  /** Without `topicUrl`: topics become buttons that call this (the feed filters by the topic). */
  onTopic?: (tag: string) => void;
}

/** Deeper structure than this is rendered as its text (the reference server already bounds depth at 3). */
export const MAX_DEPTH = 12;

/** An `href` from a template: absolute http(s), or relative to the page; never `javascript:`, `data:`… */
export function safeTemplateUrl(template: string | null | undefined, values: Record<string, string>): string | null {
  if (!template) return null;
  const filled = template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in values ? encodeURIComponent(values[name]!) : match,
  );
  try {
    const base = typeof document === 'undefined' ? 'https://plaza.invalid/' : document.baseURI;
    const url = new URL(filled, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? filled : null;
  } catch {
    return null;
  }
}

/** The URL of an uploaded file under the API base. */
export function fileUrl(baseUrl: string | undefined, fileId: string): string {
  const base = baseUrl ? (baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`) : '/';
  return `${base}v1/files/${encodeURIComponent(fileId)}`;
}

/** The plain text of nodes (for flattened deep structure, previews and labels). */
export function plainText(nodes: readonly (InlineNode | BlockNode)[] | undefined): string {
  if (!Array.isArray(nodes)) return '';
  let text = '';
  const visit = (node: unknown, depth: number) => {
    if (!node || typeof node !== 'object' || depth > 1000) return;
    const record = node as Record<string, unknown>;
    if (typeof record.text === 'string') text += record.text;
    else if (record.type === 'mention' && typeof record.name === 'string') text += `@${record.name}`;
    else if (record.type === 'topic' && typeof record.tag === 'string') text += `#${record.tag}`;
    else if (record.type === 'image' && typeof record.alt === 'string') text += record.alt;
    for (const key of ['children', 'items'] as const) {
      const children = record[key];
      if (Array.isArray(children)) {
        for (const child of children) visit(child, depth + 1);
        if (record.type === 'paragraph' || record.type === 'item') text += '\n';
      }
    }
  };
  for (const node of nodes) visit(node, 0);
  return text.trim();
}

/** Text with hard line breaks as `<br>`s (no `white-space` rule, so template formatting never shows). */
function lines(text: string): TemplateResult | string {
  if (!text.includes('\n')) return text;
  const parts = text.split('\n');
  return html`${parts.map((part, index) => (index === 0 ? part : html`<br />${part}`))}`;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

function renderInline(
  node: InlineNode,
  options: RichTextOptions,
  depth: number,
): TemplateResult | string | typeof nothing {
  if (!node || typeof node !== 'object') return nothing;
  if (depth > MAX_DEPTH) return plainText([node]);
  const children = () =>
    list<InlineNode>((node as { children?: unknown }).children).map((child) => renderInline(child, options, depth + 1));
  switch (node.type) {
    case 'text':
      return lines(str(node.text));
    case 'code':
      return html`<code>${str(node.text)}</code>`;
    case 'strong':
      return html`<strong>${children()}</strong>`;
    case 'emphasis':
      return html`<em>${children()}</em>`;
    case 'link': {
      const href = str(node.href);
      if (!SAFE_HREF_PATTERN.test(href) || href.length > 2000) return html`${children()}`;
      return html`<a href=${href} rel="noopener noreferrer nofollow" target="_blank">${children()}</a>`;
    }
    case 'mention': {
      const name = str(node.name);
      const href = safeTemplateUrl(options.mentionUrl, { id: str(node.userId), name });
      return href ? html`<a class="mention" href=${href}>@${name}</a>` : html`<span class="mention">@${name}</span>`;
    }
    case 'topic': {
      const tag = str(node.tag);
      const href = safeTemplateUrl(options.topicUrl, { topic: tag.toLowerCase() });
      if (href) return html`<a class="topic" href=${href}>#${tag}</a>`;
      const onTopic = options.onTopic;
      return onTopic
        ? html`<button type="button" class="topic" @click=${() => onTopic(tag.toLowerCase())}>#${tag}</button>`
        : html`<span class="topic">#${tag}</span>`;
    }
    case 'image':
      return html`<img
        class="inline-image"
        src=${fileUrl(options.baseUrl, str(node.fileId))}
        alt=${str(node.alt)}
        loading="lazy"
      />`;
    default:
      // A node kind this version does not know: its text, never its markup.
      return plainText([node]);
  }
}

function renderBlock(
  node: BlockNode,
  options: RichTextOptions,
  depth: number,
): TemplateResult | string | typeof nothing {
  if (!node || typeof node !== 'object') return nothing;
  if (depth > MAX_DEPTH) return html`<p>${plainText([node])}</p>`;
  switch (node.type) {
    case 'paragraph':
      return html`<p>${list<InlineNode>(node.children).map((child) => renderInline(child, options, depth + 1))}</p>`;
    case 'codeBlock':
      return html`<pre><code>${str(node.text)}</code></pre>`;
    case 'quote':
      return html`<blockquote>
        ${list<BlockNode>(node.children).map((child) => renderBlock(child, options, depth + 1))}
      </blockquote>`;
    case 'list': {
      const items = list<{ children?: unknown }>(node.items).map(
        (item) =>
          html`<li>${list<BlockNode>(item?.children).map((child) => renderBlock(child, options, depth + 1))}</li>`,
      );
      const start =
        typeof node.start === 'number' && Number.isInteger(node.start) && node.start !== 1 ? node.start : nothing;
      return node.ordered
        ? html`<ol start=${start}>
            ${items}
          </ol>`
        : html`<ul>
            ${items}
          </ul>`;
    }
    default: {
      const text = plainText([node]);
      return text ? html`<p>${text}</p>` : nothing;
    }
  }
}

/** Renders a rich-text tree (the `nodes` of `{ source, nodes }`) as templates. Wrap it in `.rich-text`. */
export function renderRichText(nodes: readonly BlockNode[] | undefined, options: RichTextOptions = {}): TemplateResult {
  return html`${list<BlockNode>(nodes).map((node) => renderBlock(node, options, 0))}`;
}
