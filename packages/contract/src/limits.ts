/**
 * The contract's plain constants — limits, patterns and the values of enums widgets list — in a module without
 * zod, so browser code can import them without the schemas (`@plaza/contract/limits`; also re-exported by
 * `@plaza/contract`).
 */

export const FILE_LIMITS = {
  /** Largest upload accepted by `POST /v1/files`. */
  maxBytes: 5 * 1024 * 1024,
  /** Longest side of an image, in pixels. */
  maxSide: 8000,
  /** Most pixels of an image (width × height): refuses decompression bombs before anyone decodes them. */
  maxPixels: 40_000_000,
} as const;

export const GROUP_LIMITS = {
  /** Size of the `members` facepile. */
  facepileMax: 5,
} as const;

export const POLL_LIMITS = {
  questionMax: 300,
  optionLabelMax: 200,
  optionsMin: 2,
  optionsMax: 10,
} as const;

/** Bounds of rich text (see `rich-text.ts`). */
export const RICH_TEXT_LIMITS = {
  /** Longest source the API accepts for a post or comment body. */
  sourceMax: 5000,
  /** strong / emphasis / link nesting levels. */
  inlineDepth: 3,
  /** quote / list nesting levels. */
  blockDepth: 3,
} as const;

/** Link targets the tree may carry: absolute http(s) and mailto URLs. */
export const SAFE_HREF_PATTERN = /^(https?:\/\/|mailto:)[^\s]+$/i;

/**
 * Text with nothing to see: empty, or only white space, control and format characters (zero-width space,
 * zero-width joiner, soft hyphen, byte-order mark …) and the fillers that render blank (Hangul fillers, the blank
 * Braille pattern). `String.prototype.trim()` keeps most of these, so a label of one U+200B would pass a trim check
 * and show as an empty option.
 */
export const BLANK_TEXT_PATTERN = /^[\s\p{Cc}\p{Cf}\p{Z}\u115F\u1160\u2800\u3164\uFFA0]*$/u;

/** Whether `text` has nothing to see (see {@link BLANK_TEXT_PATTERN}); what the widgets check before sending. */
export const isBlank = (text: string): boolean => BLANK_TEXT_PATTERN.test(text);

/**
 * What two labels are compared by when they must differ (a poll's options): "Yes", " yes", "Yes" with a zero-width
 * space and "Ｙｅｓ" in full-width letters read the same to a voter, so they have the same key.
 */
export const sameTextKey = (text: string): string =>
  text
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .trim()
    .toLocaleLowerCase();

export const POST_LIMITS = {
  /** Longest Markdown source of a post or comment. */
  bodyMax: RICH_TEXT_LIMITS.sourceMax,
  /** Images per post or comment. */
  imagesMax: 4,
  /** Posts per feed page: default and upper bound. */
  pageSizeDefault: 20,
  pageSizeMax: 50,
  /** Top-level comments per page: default and upper bound. */
  commentPageDefault: 10,
  commentPageMax: 50,
  /** Names shown per reaction kind (hover preview). */
  reactorsPreview: 3,
  reportNoteMax: 500,
  altMax: 500,
} as const;

export const QUESTION_LIMITS = {
  titleMax: 200,
  bodyMax: 10_000,
  answerMax: 10_000,
  tagsMax: 5,
  tagMax: 30,
  topicMax: 50,
  /** Longer `q` of a similar-question search is cut to this many characters, never refused. */
  similarQueryMax: 1_000,
  pageSizeMax: 50,
} as const;

export const USER_SEARCH_LIMITS = {
  /** Length of `query`, after trimming. */
  queryMin: 1,
  queryMax: 100,
  /** Most people one search returns. */
  results: 8,
} as const;

/** Image types `POST /v1/files` accepts. */
export const IMAGE_CONTENT_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;

/** Why a post is reported. */
export const REPORT_REASONS = ['spam', 'harassment', 'misinformation', 'confidential', 'off-topic', 'other'] as const;
