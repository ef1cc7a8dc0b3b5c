/**
 * How a payload travels: Kazoo puts it in the query string for GET and form-encodes it
 * for form-data, nesting as `a[b]=c` and lists as `a[]=v` (reference/kazoo.md §2, §3).
 */
export function formEncode(payload: Record<string, unknown>): string {
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(payload)) flatten(encodeURIComponent(key), value, pairs);
  return pairs.join('&');
}

function flatten(prefix: string, value: unknown, pairs: string[]): void {
  if (value === undefined) return;
  if (value === null) {
    pairs.push(`${prefix}=`);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => {
      const scalar = item === null || typeof item !== 'object';
      flatten(scalar ? `${prefix}[]` : `${prefix}[${index}]`, item, pairs);
    });
  } else if (typeof value === 'object') {
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) flatten(`${prefix}[${encodeURIComponent(key)}]`, inner, pairs);
  } else {
    pairs.push(`${prefix}=${encodeURIComponent(String(value))}`);
  }
}

/** Appends a query string to a URI that may already carry one. */
export function withQuery(uri: string, query: string): string {
  if (query === '') return uri;
  const hash = uri.indexOf('#');
  const base = hash >= 0 ? uri.slice(0, hash) : uri;
  const separator = base.includes('?') ? (base.endsWith('?') || base.endsWith('&') ? '' : '&') : '?';
  return `${base}${separator}${query}`;
}
