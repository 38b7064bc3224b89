import { unsafeStatic, type StaticValue } from 'lit/static-html.js';

const cache = new Map<string, StaticValue>();

/**
 * The tag of another Plaza element registered under the same prefix as `host`: inside `<acme-feed>` a post is
 * `<acme-post>` (see `definePlaza`), inside `<plaza-feed>` it is `<plaza-post>`. The prefix comes from the
 * host's own registered tag name (letters, digits and hyphens only), never from content.
 */
export function siblingTag(host: HTMLElement, own: string, other: string): StaticValue {
  const name = host.localName;
  const prefix = name.endsWith(`-${own}`) ? name.slice(0, -own.length - 1) : 'plaza';
  const tag = `${prefix}-${other}`;
  let value = cache.get(tag);
  if (!value) cache.set(tag, (value = unsafeStatic(tag)));
  return value;
}
