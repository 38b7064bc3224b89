import { decodeHTML } from 'entities';
import { Marked, type Token, type TokenizerExtension, type Tokens } from 'marked';
import {
  RICH_TEXT_LIMITS,
  type BlockNode,
  type InlineNode,
  type ItemNode,
  type RichText,
  type TextNode,
} from '@plaza/contract';

/**
 * Markdown source → the contract's `RichText` tree, with `marked`'s lexer. Only the tree's node kinds come
 * out: raw HTML becomes visible text, links keep only absolute http(s)/mailto targets (checked with the
 * WHATWG URL parser, the one browsers use, after decoding character references), deeper nesting than the
 * contract's limits is flattened. The result is plain data; nothing in it is ever parsed as HTML.
 */

/** `@[Display Name](user-id)`: the one mention form (the composer inserts it). */
const MENTION = /^@\[([^\]\n]{1,200})\]\(([A-Za-z0-9][\w.-]{0,99})\)/;
/** Characters of a topic tag: letters (umlauts too), digits, `-`, `_`. */
const TAG_CHAR = String.raw`[\p{L}\p{N}_-]`;
const TOPIC = new RegExp(String.raw`^#(${TAG_CHAR}{1,100})`, 'u');
/** A `#` that starts a tag: at the start or after a character that cannot be part of a word or entity. */
const TOPIC_START = new RegExp(String.raw`(?:^|[^\p{L}\p{N}_&-])#${TAG_CHAR}`, 'u');
/** What an image reference may point at: a file id, never a URL. */
const FILE_ID = /^[A-Za-z0-9][\w-]{0,99}$/;
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

const mentionExtension: TokenizerExtension = {
  name: 'mention',
  level: 'inline',
  start: (src) => {
    const index = src.indexOf('@[');
    return index >= 0 ? index : undefined;
  },
  tokenizer: (src) => {
    const match = MENTION.exec(src);
    return match ? { type: 'mention', raw: match[0], name: match[1]!.trim(), userId: match[2]! } : undefined;
  },
};

const topicExtension: TokenizerExtension = {
  name: 'topic',
  level: 'inline',
  start: (src) => {
    const match = TOPIC_START.exec(src);
    if (!match) return undefined;
    return match.index + match[0].indexOf('#');
  },
  tokenizer: (src) => {
    const match = TOPIC.exec(src);
    // At least one letter: `#1` or `#2024` stays text (ticket numbers, rankings).
    if (!match || !/\p{L}/u.test(match[1]!)) return undefined;
    return { type: 'topic', raw: match[0], tag: match[1]! };
  },
};

/** A private instance, so nothing else configuring `marked` changes what posts become. */
const markdown = new Marked({ gfm: true, breaks: false, extensions: [mentionExtension, topicExtension] });

/** The source lexed into the contract's tree. Pure: no database, same output for the same input. */
export function lexRichText(source: string): RichText {
  try {
    return { source, nodes: toBlocks(markdown.lexer(source), 0) };
  } catch (error) {
    // Thousands of nested levels (`- - - - … x`, under the length limit) overflow marked's recursion before the
    // depth limits can flatten them. The words stay, as plain paragraphs, rather than the write failing.
    if (!(error instanceof RangeError)) throw error;
    return { source, nodes: plainParagraphs(source) };
  }
}

/** The source as paragraphs of plain text, split at blank lines. */
function plainParagraphs(source: string): BlockNode[] {
  return source
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => ({ type: 'paragraph', children: [text(paragraph)] }));
}

/**
 * For text without mention handling (questions, answers, group descriptions): lexed like a post, but every
 * `@[Name](id)` becomes the plain text `@Name`, so no text can claim to mention someone.
 */
export function lexPlainRichText(source: string): RichText {
  return { source, nodes: resolveMentions(lexRichText(source).nodes, new Map()) };
}

/** The distinct topics of a tree, lower-cased (`#Wechselrichter` and `#wechselrichter` are one topic). */
export function topicsOf(nodes: readonly BlockNode[]): string[] {
  const topics = new Set<string>();
  walkInline(nodes, (node) => {
    if (node.type === 'topic') topics.add(normaliseTopic(node.tag));
  });
  return [...topics];
}

/** The distinct user ids mentioned in a tree, in order of appearance. */
export function mentionedIds(nodes: readonly BlockNode[]): string[] {
  const ids = new Set<string>();
  walkInline(nodes, (node) => {
    if (node.type === 'mention') ids.add(node.userId);
  });
  return [...ids];
}

/** Lower-case form used to store and filter topics. */
export const normaliseTopic = (tag: string) => tag.replace(/^#/, '').toLowerCase();

/**
 * The tree with every mention resolved against `names` (user id → current display name): known users get
 * their real name (a mention cannot claim another name), unknown ids become the plain text `@Name`.
 */
export function resolveMentions(nodes: BlockNode[], names: ReadonlyMap<string, string>): BlockNode[] {
  const resolveInline = (inline: InlineNode[]): InlineNode[] =>
    mergeText(
      inline.map((node): InlineNode => {
        if (node.type === 'mention') {
          const name = names.get(node.userId);
          return name ? { ...node, name } : { type: 'text', text: `@${node.name}` };
        }
        if (node.type === 'strong' || node.type === 'emphasis' || node.type === 'link') {
          return { ...node, children: resolveInline(node.children) };
        }
        return node;
      }),
    );
  const resolveBlock = (block: BlockNode): BlockNode => {
    switch (block.type) {
      case 'paragraph':
        return { ...block, children: resolveInline(block.children) };
      case 'quote':
        return { ...block, children: block.children.map(resolveBlock) };
      case 'list':
        return { ...block, items: block.items.map((item) => ({ ...item, children: item.children.map(resolveBlock) })) };
      default:
        return block;
    }
  };
  return nodes.map(resolveBlock);
}

/** Calls `visit` for every inline node, depth first. */
export function walkInline(nodes: readonly BlockNode[], visit: (node: InlineNode) => void): void {
  const inline = (children: readonly InlineNode[]) => {
    for (const child of children) {
      visit(child);
      if (child.type === 'strong' || child.type === 'emphasis' || child.type === 'link') inline(child.children);
    }
  };
  for (const block of nodes) {
    if (block.type === 'paragraph') inline(block.children);
    else if (block.type === 'quote') walkInline(block.children, visit);
    else if (block.type === 'list') for (const item of block.items) walkInline(item.children, visit);
  }
}

// ---- blocks ----

function toBlocks(tokens: readonly Token[], depth: number): BlockNode[] {
  const blocks: BlockNode[] = [];
  // Consecutive inline-ish tokens of a tight list item (`text`) gather into one paragraph.
  let loose: InlineNode[] | null = null;
  const flushLoose = () => {
    if (loose && loose.length > 0) blocks.push(paragraph(loose));
    loose = null;
  };
  for (const token of tokens) {
    if (token.type === 'text') {
      loose ??= [];
      if (loose.length > 0) loose.push(text('\n'));
      loose.push(...textToken(token as Tokens.Text, 0));
      continue;
    }
    flushLoose();
    blocks.push(...blockToken(token, depth));
  }
  flushLoose();
  return blocks;
}

function blockToken(token: Token, depth: number): BlockNode[] {
  switch (token.type) {
    case 'paragraph':
      return [paragraph(toInline((token as Tokens.Paragraph).tokens, 0))];
    case 'heading':
      // No headings in a post: a strong line keeps the emphasis without breaking the page's outline.
      return [paragraph([{ type: 'strong', children: toInline((token as Tokens.Heading).tokens, 1) }])];
    case 'code': {
      const code = token as Tokens.Code;
      const language = code.lang?.trim().split(/\s+/)[0]?.slice(0, 50) ?? '';
      return [{ type: 'codeBlock', text: code.text, language: language === '' ? null : language }];
    }
    case 'blockquote': {
      const children = toBlocks((token as Tokens.Blockquote).tokens, depth + 1);
      return depth + 1 > RICH_TEXT_LIMITS.blockDepth ? children : [{ type: 'quote', children }];
    }
    case 'list': {
      const list = token as Tokens.List;
      const items: ItemNode[] = list.items.map((item) => ({
        type: 'item',
        children: toBlocks(
          item.tokens.filter((child) => child.type !== 'checkbox'),
          depth + 1,
        ),
      }));
      if (depth + 1 > RICH_TEXT_LIMITS.blockDepth) return items.flatMap((item) => item.children);
      const start = list.ordered && typeof list.start === 'number' && list.start !== 1 ? list.start : null;
      return [{ type: 'list', ordered: list.ordered, start: start !== null && start >= 0 ? start : null, items }];
    }
    case 'html':
      // Raw HTML is shown as the text the author typed, never interpreted.
      return nonEmptyParagraph((token as Tokens.HTML).text.replace(/\n+$/, ''));
    case 'table': {
      const table = token as Tokens.Table;
      const rows = [table.header, ...table.rows].map((cells) => cells.map((cell) => decodeHTML(cell.text)).join(' | '));
      return nonEmptyParagraph(rows.join('\n'));
    }
    case 'space':
    case 'hr':
    case 'def':
      return [];
    default:
      // A token kind this version does not know: keep its source as text rather than lose it.
      return nonEmptyParagraph(token.raw.trim());
  }
}

const paragraph = (children: InlineNode[]): BlockNode => ({ type: 'paragraph', children: mergeText(children) });

const nonEmptyParagraph = (value: string): BlockNode[] => (value === '' ? [] : [paragraph([text(value)])]);

// ---- inline ----

function toInline(tokens: readonly Token[] | undefined, depth: number, inLink = false): InlineNode[] {
  return mergeText((tokens ?? []).flatMap((token) => inlineToken(token, depth, inLink)));
}

function inlineToken(token: Token, depth: number, inLink: boolean): InlineNode[] {
  switch (token.type) {
    case 'text':
      return textToken(token as Tokens.Text, depth, inLink);
    case 'escape':
      return [text((token as Tokens.Escape).text)];
    case 'codespan':
      // Code spans are literal: character references stay as typed.
      return [{ type: 'code', text: (token as Tokens.Codespan).text }];
    case 'br':
      return [text('\n')];
    case 'strong':
    case 'em': {
      const children = toInline((token as Tokens.Strong).tokens, depth + 1, inLink);
      if (depth + 1 > RICH_TEXT_LIMITS.inlineDepth) return children;
      return [{ type: token.type === 'strong' ? 'strong' : 'emphasis', children }];
    }
    case 'del':
      // No strike-through in the subset: keep the words.
      return toInline((token as Tokens.Del).tokens, depth, inLink);
    case 'link':
      return linkToken(token as Tokens.Link, depth, inLink);
    case 'image':
      return imageToken(token as Tokens.Image);
    case 'html':
      return [text((token as Tokens.HTML).text)];
    case 'mention':
      if (inLink) return [text(`@${String(token.name)}`)];
      return [{ type: 'mention', userId: String(token.userId), name: String(token.name) }];
    case 'topic':
      if (inLink) return [text(`#${String(token.tag)}`)];
      return [{ type: 'topic', tag: String(token.tag) }];
    default:
      return [text(token.raw)];
  }
}

function textToken(token: Tokens.Text, depth: number, inLink = false): InlineNode[] {
  // A tight list item's text carries its inline tokens; a plain text token carries raw source.
  if (token.tokens && token.tokens.length > 0) return toInline(token.tokens, depth, inLink);
  return [text(decodeHTML(token.text))];
}

function linkToken(token: Tokens.Link, depth: number, inLink: boolean): InlineNode[] {
  const children = toInline(token.tokens, depth + 1, true);
  // Links never nest (HTML forbids it); too deep or unsafe: the words stay, the target goes.
  const href = inLink ? null : safeHref(token.href, token.autolink === true);
  if (href === null || depth + 1 > RICH_TEXT_LIMITS.inlineDepth) return children;
  return [{ type: 'link', href, children: children.length > 0 ? children : [text(href)] }];
}

function imageToken(token: Tokens.Image): InlineNode[] {
  const alt = decodeHTML(token.text).slice(0, 500);
  const target = decodeHTML(token.href).trim();
  if (FILE_ID.test(target)) return [{ type: 'image', fileId: target, alt }];
  // Only uploaded files are images: an external URL would track readers. Keep the description.
  return alt === '' ? [] : [text(alt)];
}

/**
 * The normalised URL when it is absolute http(s) or mailto, else null. Character references are decoded
 * first (`jav&#x61;script:`), then the WHATWG parser strips what browsers strip (control characters, tabs,
 * newlines) before the scheme is read, so the check sees what a browser would follow.
 */
export function safeHref(raw: string, literal = false): string | null {
  const decoded = literal ? raw : decodeHTML(raw);
  let url: URL;
  try {
    url = new URL(decoded);
  } catch {
    return null;
  }
  if (!SAFE_PROTOCOLS.has(url.protocol)) return null;
  if (url.protocol !== 'mailto:' && url.hostname === '') return null;
  // Opaque paths (mailto:) keep quotes and angle brackets; encode them so the value is inert anywhere.
  const href = url.href.replace(
    /["'<>`\s]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  return href.length <= 2000 ? href : null;
}

const text = (value: string): TextNode => ({ type: 'text', text: value });

/** Joins neighbouring text nodes and drops empty ones. */
function mergeText(nodes: InlineNode[]): InlineNode[] {
  const merged: InlineNode[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      if (node.text === '') continue;
      const last = merged.at(-1);
      if (last?.type === 'text') {
        merged[merged.length - 1] = text(last.text + node.text);
        continue;
      }
    }
    merged.push(node);
  }
  return merged;
}
