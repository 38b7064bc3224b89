import * as z from 'zod/mini';
import { Id } from './common.ts';
import { SAFE_HREF_PATTERN } from './limits.ts';

/**
 * Rich text: the Markdown subset of posts, comments, answers and descriptions, lexed once by the server
 * into this small tree and sent beside the source. Widgets render the tree as templates; no HTML string is
 * ever interpreted. A backend without Markdown may send `[{ type: 'paragraph', children: [{ type: 'text',
 * text }] }]` only.
 *
 * Source syntax (what the composer writes):
 * - `**strong**`, `*emphasis*`, `` `code` ``, fenced code blocks, `> quote`, `- item` / `1. item`;
 * - links `[text](https://…)` and bare URLs; only `http:`, `https:` and `mailto:` become links, anything
 *   else (`javascript:`, `data:`, relative paths…) stays plain text;
 * - mentions `@[Display Name](user-id)` (the composer inserts this form; the server shows the user's
 *   current name, and an unknown id as plain text);
 * - topics `#word` (letters including umlauts, digits, `-`, `_`; at least one letter, so `#123` is text);
 * - image references `![alt text](file-id)` to an uploaded file.
 * Headings become strong paragraphs, raw HTML is kept as visible text, tables become plain text.
 *
 * The reference server bounds the tree: formatting nests at most {@link RICH_TEXT_LIMITS.inlineDepth} deep and
 * quotes/lists at most {@link RICH_TEXT_LIMITS.blockDepth} deep; deeper structure is flattened into its text.
 */

/** Plain text; may contain `\n` (a hard line break): render with `white-space: pre-line` or split. */
export const TextNode = z.object({ type: z.literal('text'), text: z.string() });
/** Inline code. */
export const CodeNode = z.object({ type: z.literal('code'), text: z.string() });
/** `@[Name](user-id)`: a person, linked to their profile by the renderer. */
export const MentionNode = z.object({
  type: z.literal('mention'),
  userId: Id,
  /** The person's display name at the time the text was read. */
  name: z.string().check(z.minLength(1), z.maxLength(200)),
});
/** `#tag`: a topic, rendered as a link to the feed filtered by it. */
export const TopicNode = z.object({
  type: z.literal('topic'),
  /** As written, without `#` (compare case-insensitively). */
  tag: z.string().check(z.minLength(1), z.maxLength(100)),
});
/** `![alt](file-id)`: an uploaded image, served at `/v1/files/<fileId>`. */
export const ImageNode = z.object({
  type: z.literal('image'),
  fileId: Id,
  /** Alternative text for screen readers; may be empty for a decorative image. */
  alt: z.string().check(z.maxLength(500)),
});

const NESTED_ITEMS = new WeakMap<z.ZodMiniType, () => z.ZodMiniType>();

/**
 * An array of nodes matched by `item`, checked exactly (to any depth) but described in JSON Schema only by
 * `description`: a recursive schema would need `$ref`s into `$defs` that an OpenAPI document inlining its
 * schemas cannot resolve.
 */
function nested<T>(item: () => z.ZodMiniType<T>, description: string): z.ZodMiniType<T[]> {
  let items: z.ZodMiniType<T[]> | undefined;
  const schema = z
    .custom<T[]>((value) => z.safeParse((items ??= z.array(item())), value).success, { error: description })
    .register(z.globalRegistry, { description });
  NESTED_ITEMS.set(schema, item);
  return schema;
}

/**
 * The node schema of a nested-nodes array (`strong.children`, `quote.children`), which zod sees as an opaque
 * refinement: for `scripts/generate-checks.ts`, which compiles it into an exact recursive check.
 */
export const nestedItemSchema = (schema: z.ZodMiniType): z.ZodMiniType | undefined => NESTED_ITEMS.get(schema)?.();

const inlineChildren = nested<InlineNode>(
  () => InlineNodeSchema,
  'Inline nodes: the same node kinds as `paragraph.children`, nested',
);

/** Any inline node. */
export const InlineNodeSchema: z.ZodMiniType<InlineNode> = z.discriminatedUnion('type', [
  TextNode,
  CodeNode,
  MentionNode,
  TopicNode,
  ImageNode,
  z.object({ type: z.literal('strong'), children: inlineChildren }),
  z.object({ type: z.literal('emphasis'), children: inlineChildren }),
  z.object({
    type: z.literal('link'),
    /** Absolute `http:`, `https:` or `mailto:` URL, normalised by the server. */
    href: z.string().check(z.regex(SAFE_HREF_PATTERN), z.maxLength(2000)),
    children: inlineChildren,
  }),
]);

/** A paragraph of inline nodes. */
export const ParagraphNode = z.object({ type: z.literal('paragraph'), children: z.array(InlineNodeSchema) });
/** A fenced or indented code block, shown verbatim. */
export const CodeBlockNode = z.object({
  type: z.literal('codeBlock'),
  text: z.string(),
  /** The info string of the fence (`js`), or null. Only a hint for styling. */
  language: z.nullable(z.string().check(z.maxLength(50))),
});

const blockChildren = nested<BlockNode>(
  () => BlockNodeSchema,
  'Block nodes: the same node kinds as `RichText.nodes`, nested',
);

/** Any block node. */
export const BlockNodeSchema: z.ZodMiniType<BlockNode> = z.discriminatedUnion('type', [
  ParagraphNode,
  CodeBlockNode,
  z.object({ type: z.literal('quote'), children: blockChildren }),
  z.object({
    type: z.literal('list'),
    ordered: z.boolean(),
    /** First number of an ordered list (null: 1 or unordered). */
    start: z.nullable(z.int().check(z.minimum(0))),
    items: z.array(z.object({ type: z.literal('item'), children: blockChildren })),
  }),
]);

/** Markdown source and the tree the server lexed from it. */
export const RichText = z.object({
  /** What the author wrote (for editing). */
  source: z.string(),
  /** What to render. */
  nodes: z.array(BlockNodeSchema),
});

// The tree's types, written out because inference does not follow recursion.
export type TextNode = z.infer<typeof TextNode>;
export type CodeNode = z.infer<typeof CodeNode>;
export type MentionNode = z.infer<typeof MentionNode>;
export type TopicNode = z.infer<typeof TopicNode>;
export type ImageNode = z.infer<typeof ImageNode>;
export interface StrongNode {
  type: 'strong';
  children: InlineNode[];
}
export interface EmphasisNode {
  type: 'emphasis';
  children: InlineNode[];
}
export interface LinkNode {
  type: 'link';
  href: string;
  children: InlineNode[];
}
export type InlineNode =
  TextNode | CodeNode | MentionNode | TopicNode | ImageNode | StrongNode | EmphasisNode | LinkNode;
export interface ParagraphNode {
  type: 'paragraph';
  children: InlineNode[];
}
export type CodeBlockNode = z.infer<typeof CodeBlockNode>;
export interface QuoteNode {
  type: 'quote';
  children: BlockNode[];
}
export interface ItemNode {
  type: 'item';
  children: BlockNode[];
}
export interface ListNode {
  type: 'list';
  ordered: boolean;
  start: number | null;
  items: ItemNode[];
}
export type BlockNode = ParagraphNode | CodeBlockNode | QuoteNode | ListNode;
export interface RichText {
  source: string;
  nodes: BlockNode[];
}
