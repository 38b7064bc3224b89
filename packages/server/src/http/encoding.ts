/**
 * Whether an `Accept-Encoding` header allows gzip: listed (or `*`) without `q=0`. Absent: no (RFC 9110 lets
 * a server pick any coding then, but a client that sends nothing may be a script that cannot decode).
 */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let star = false;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const q = params.find((param) => param.startsWith('q='));
    const allowed = q === undefined || Number(q.slice(2)) > 0;
    if (name === 'gzip' || name === 'x-gzip') return allowed;
    if (name === '*') star = allowed;
  }
  return star;
}
