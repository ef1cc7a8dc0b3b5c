/** One strip of a page: its bytes as the TIFF holds them and the rows they cover. */
export interface TiffStrip {
  data: Buffer;
  rows: number;
}

/** A bilevel fax page as its image file directory describes it. */
export interface TiffPage {
  width: number;
  height: number;
  /** 1 none, 2 CCITT modified Huffman, 3 CCITT T.4, 4 CCITT T.6. */
  compression: 1 | 2 | 3 | 4;
  /** T.4 two-dimensional coding (T4Options bit 0). */
  twoDimensional: boolean;
  /** PhotometricInterpretation: 0 white is zero (a fax's), 1 black is zero. */
  photometric: 0 | 1;
  /** Dots per inch. */
  xDpi: number;
  yDpi: number;
  strips: TiffStrip[];
}

export class TiffError extends Error {}

/** A fax at standard resolution when the file says nothing (T.4: 204 × 98 dpi). */
const FAX_X_DPI = 204;
const FAX_Y_DPI = 98;
const TYPE_SIZES: Record<number, number> = { 1: 1, 3: 2, 4: 4, 5: 8 };

/**
 * Reads the pages of a bilevel TIFF (TIFF 6.0 part 1 and the TIFF-F profile fax
 * machines write): each image file directory's size, coding and strips. Only what a fax
 * can be is taken; anything else is a TiffError naming what was found.
 */
export function tiffPages(file: Buffer): TiffPage[] {
  const order = file.subarray(0, 2).toString('latin1');
  if (file.length < 8 || (order !== 'II' && order !== 'MM')) throw new TiffError('not a TIFF file');
  const little = order === 'II';
  const u16 = (at: number) => (little ? file.readUInt16LE(at) : file.readUInt16BE(at));
  const u32 = (at: number) => (little ? file.readUInt32LE(at) : file.readUInt32BE(at));
  if (u16(2) !== 42) throw new TiffError('not a TIFF file');
  const inside = (at: number, length: number) => {
    if (at < 0 || at + length > file.length) throw new TiffError(`a TIFF field points outside the file (offset ${at})`);
  };
  const pages: TiffPage[] = [];
  for (let at = u32(4); at !== 0; at = u32(at + 2 + u16(at) * 12)) {
    if (pages.length >= 1000) throw new TiffError('more than 1000 pages');
    inside(at, 2);
    const count = u16(at);
    inside(at, 2 + count * 12 + 4);
    const tags = new Map<number, number[]>();
    for (let index = 0; index < count; index++) {
      const entry = at + 2 + index * 12;
      const type = u16(entry + 2);
      const values = u32(entry + 4);
      const size = TYPE_SIZES[type];
      if (size === undefined) continue;
      const where = size * values <= 4 ? entry + 8 : u32(entry + 8);
      inside(where, size * values);
      const read: number[] = [];
      for (let value = 0; value < Math.min(values, 100_000); value++) {
        const place = where + value * size;
        if (type === 1) read.push(file[place]!);
        else if (type === 3) read.push(u16(place));
        else if (type === 4) read.push(u32(place));
        else read.push(u32(place) / (u32(place + 4) || 1));
      }
      tags.set(u16(entry), read);
    }
    pages.push(pageOf(tags, file, inside, pages.length + 1));
  }
  if (pages.length === 0) throw new TiffError('the TIFF has no pages');
  return pages;
}

function pageOf(tags: Map<number, number[]>, file: Buffer, inside: (at: number, length: number) => void, number: number): TiffPage {
  const one = (tag: number, fallback?: number) => {
    const value = tags.get(tag)?.[0] ?? fallback;
    if (value === undefined) throw new TiffError(`page ${number} has no tag ${tag}`);
    return value;
  };
  const width = one(256);
  const height = one(257);
  if (width < 1 || height < 1) throw new TiffError(`page ${number} is ${width} × ${height} pixels`);
  if (one(258, 1) !== 1 || one(277, 1) !== 1) throw new TiffError(`page ${number} is not bilevel (one bit per pixel)`);
  const compression = one(259, 1);
  const photometric = one(262, 0);
  if (photometric !== 0 && photometric !== 1) throw new TiffError(`page ${number} has photometric interpretation ${photometric}; a fax is black and white`);
  if (compression !== 1 && compression !== 2 && compression !== 3 && compression !== 4) throw new TiffError(`page ${number} uses compression ${compression}; a fax is uncompressed or CCITT`);
  const t4Options = one(292, 0);
  if (compression === 3 && (t4Options & 2) !== 0) throw new TiffError(`page ${number} uses T.4 uncompressed mode`);
  const reversed = one(266, 1) === 2;
  const offsets = tags.get(273) ?? [];
  const counts = tags.get(279) ?? [];
  if (offsets.length === 0 || offsets.length !== counts.length) throw new TiffError(`page ${number} has no strips, or their offsets and sizes disagree`);
  const rowsPerStrip = Math.min(one(278, height), height);
  const strips = offsets.map((offset, index) => {
    inside(offset, counts[index]!);
    const bytes = Buffer.from(file.subarray(offset, offset + counts[index]!));
    // FillOrder 2 puts each byte's first pixel in its low bit; PDF reads from the high bit.
    if (reversed) for (let byte = 0; byte < bytes.length; byte++) bytes[byte] = reverseBits(bytes[byte]!);
    return { data: bytes, rows: Math.max(0, Math.min(rowsPerStrip, height - index * rowsPerStrip)) };
  });
  const perCm = one(296, 2) === 3 ? 2.54 : 1;
  return {
    width,
    height,
    compression,
    twoDimensional: compression === 3 && (t4Options & 1) === 1,
    photometric: one(262, 0) === 1 ? 1 : 0,
    xDpi: (tags.get(282)?.[0] ?? FAX_X_DPI / perCm) * perCm,
    yDpi: (tags.get(283)?.[0] ?? FAX_Y_DPI / perCm) * perCm,
    strips: strips.filter((strip) => strip.rows > 0),
  };
}

function reverseBits(byte: number): number {
  let out = 0;
  for (let bit = 0; bit < 8; bit++) out |= ((byte >> bit) & 1) << (7 - bit);
  return out;
}
