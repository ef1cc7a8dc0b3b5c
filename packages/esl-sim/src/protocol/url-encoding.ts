/**
 * FreeSWITCH's `switch_url_encode`, which plain events and the CHANNEL_DATA reply use
 * for header values: every byte of the UTF-8 form below 0x20 or above 0x7E, and the
 * space and ``"#%&+:;<=>?@[\]^`{|}``, become `%XX` with upper-case hex. Everything
 * else (letters, digits and `/ , . - _ ( ) * ! ' $ ~`) is written as it is.
 */
const UNSAFE = new Set(Array.from(' "#%&+:;<=>?@[\\]^`{|}', (c) => c.charCodeAt(0)));
const ALL_SAFE = /^[A-Za-z0-9/,.\-_()*!'$~]*$/;

export function urlEncode(value: string): string {
  if (ALL_SAFE.test(value)) return value;
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    if (byte < 0x20 || byte > 0x7e || UNSAFE.has(byte)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return out;
}

/** The inverse, tolerant of stray `%` the way FreeSWITCH's `switch_url_decode` is. */
export function urlDecode(value: string): string {
  if (!value.includes('%') && !value.includes('+')) return value;
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    const hex = value.slice(i + 1, i + 3);
    if (c === '%' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (c === '+') {
      bytes.push(0x20);
    } else {
      bytes.push(...Buffer.from(c, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
