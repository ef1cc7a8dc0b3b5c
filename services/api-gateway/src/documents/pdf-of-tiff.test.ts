import { describe, expect, it } from '@jest/globals';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';
import { preferredType } from './accept.js';
import { pdfOfTiff } from './pdf-of-tiff.js';
import { TiffError, tiffPages } from './tiff-pages.js';

/**
 * A big-endian TIFF-F file as a fax machine stores one: each page T.6 (CCITT group 4)
 * coded in strips of `rowsPerStrip`, bits in reversed fill order, 204 × 196 dpi. Every row
 * is white, which T.6 codes as one vertical-mode `V0` bit; a strip ends with EOFB.
 */
function group4Tiff(pages: number, height: number, rowsPerStrip: number): { file: Buffer; strips: Buffer[] } {
  const strips: Buffer[] = [];
  const stripData = (rows: number) => {
    const bits = '1'.repeat(rows) + '000000000001'.repeat(2);
    const bytes = Buffer.alloc(Math.ceil(bits.length / 8));
    for (let bit = 0; bit < bits.length; bit++) if (bits[bit] === '1') bytes[bit >> 3]! |= 0x80 >> (bit & 7);
    return bytes;
  };
  const chunks: Buffer[] = [Buffer.from([0x4d, 0x4d, 0, 42, 0, 0, 0, 8])];
  let offset = 8;
  for (let page = 0; page < pages; page++) {
    const perPage = Math.ceil(height / rowsPerStrip);
    const data = Array.from({ length: perPage }, (_, index) => stripData(Math.min(rowsPerStrip, height - index * rowsPerStrip)));
    strips.push(...data);
    const entries: [number, number, number, number][] = [];
    const ifdSize = 2 + 12 * 12 + 4;
    const arrays = offset + ifdSize;
    const dataStart = arrays + perPage * 8 + 16;
    const stripOffsets: number[] = [];
    let at = dataStart;
    for (const strip of data) {
      stripOffsets.push(at);
      at += strip.length;
    }
    entries.push([256, 3, 1, 1728], [257, 4, 1, height], [258, 3, 1, 1], [259, 3, 1, 4], [262, 3, 1, 0], [266, 3, 1, 2]);
    entries.push([273, 4, perPage, perPage === 1 ? stripOffsets[0]! : arrays], [278, 4, 1, rowsPerStrip], [279, 4, perPage, perPage === 1 ? data[0]!.length : arrays + perPage * 4]);
    entries.push([282, 5, 1, arrays + perPage * 8], [283, 5, 1, arrays + perPage * 8 + 8], [296, 3, 1, 2]);
    const ifd = Buffer.alloc(ifdSize + perPage * 8 + 16);
    ifd.writeUInt16BE(entries.length, 0);
    entries.forEach(([tag, type, count, value], index) => {
      const entry = 2 + index * 12;
      ifd.writeUInt16BE(tag, entry);
      ifd.writeUInt16BE(type, entry + 2);
      ifd.writeUInt32BE(count, entry + 4);
      if (type === 3 && count === 1) ifd.writeUInt16BE(value, entry + 8);
      else ifd.writeUInt32BE(value, entry + 8);
    });
    const next = page === pages - 1 ? 0 : at;
    ifd.writeUInt32BE(next, 2 + entries.length * 12);
    stripOffsets.forEach((value, index) => ifd.writeUInt32BE(value, ifdSize + index * 4));
    data.forEach((strip, index) => ifd.writeUInt32BE(strip.length, ifdSize + perPage * 4 + index * 4));
    for (const [index, dpi] of [204, 196].entries()) {
      ifd.writeUInt32BE(dpi, ifdSize + perPage * 8 + index * 8);
      ifd.writeUInt32BE(1, ifdSize + perPage * 8 + index * 8 + 4);
    }
    // Stored reversed (FillOrder 2), as most fax modems deliver them.
    chunks.push(ifd, ...data.map((strip) => Buffer.from(strip.map((byte) => Number.parseInt(byte.toString(2).padStart(8, '0').split('').reverse().join(''), 2)))));
    offset = at;
  }
  return { file: Buffer.concat(chunks), strips };
}

/** Pages as the media server's rxfax leaves them: little-endian, one uncompressed white-is-zero row of 1728 pixels. */
function faxTiff(pages: number): Buffer {
  const ifdSize = 2 + 8 * 12 + 4;
  const pageSize = ifdSize + 216;
  const file = Buffer.alloc(8 + pages * pageSize);
  file.write('II*\u0000', 0, 'latin1');
  file.writeUInt32LE(8, 4);
  for (let page = 0; page < pages; page++) {
    const at = 8 + page * pageSize;
    const tags = [[256, 3, 1728], [257, 3, 1], [258, 3, 1], [259, 3, 1], [262, 3, 0], [273, 4, at + ifdSize], [278, 3, 1], [279, 4, 216]] as const;
    file.writeUInt16LE(tags.length, at);
    tags.forEach(([tag, type, value], index) => {
      const entry = at + 2 + index * 12;
      file.writeUInt16LE(tag, entry);
      file.writeUInt16LE(type, entry + 2);
      file.writeUInt32LE(1, entry + 4);
      if (type === 3) file.writeUInt16LE(value, entry + 8);
      else file.writeUInt32LE(value, entry + 8);
    });
    file.writeUInt32LE(page === pages - 1 ? 0 : at + pageSize, at + 2 + tags.length * 12);
  }
  return file;
}

describe('a fax TIFF as a PDF', () => {
  it('wraps each CCITT strip as a CCITTFaxDecode image, in fill order, on pages of the fax size', async () => {
    const { file, strips } = group4Tiff(3, 100, 40);
    const pdf = await PDFDocument.load(pdfOfTiff(tiffPages(file)), { throwOnInvalidObject: true });
    expect(pdf.getPageCount()).toBe(3);
    const page = pdf.getPage(1);
    expect(page.getWidth()).toBeCloseTo((1728 / 204) * 72, 2);
    expect(page.getHeight()).toBeCloseTo((100 / 196) * 72, 2);
    const xobjects = page.node.Resources()!.lookup(PDFName.of('XObject'), PDFDict);
    const images = xobjects.keys().map((key) => xobjects.lookup(key, PDFRawStream));
    expect(images).toHaveLength(3);
    expect(images.map((image) => image.dict.lookup(PDFName.of('Height'), PDFNumber).asNumber())).toEqual([40, 40, 20]);
    const parms = images[0]!.dict.lookup(PDFName.of('DecodeParms'), PDFDict);
    expect(images[0]!.dict.lookup(PDFName.of('Filter'))).toBe(PDFName.of('CCITTFaxDecode'));
    expect(parms.lookup(PDFName.of('K'), PDFNumber).asNumber()).toBe(-1);
    expect(parms.lookup(PDFName.of('Columns'), PDFNumber).asNumber()).toBe(1728);
    expect(images.map((image) => Buffer.from(image.getContents()))).toEqual(strips.slice(3, 6));
  });

  it("embeds esl-sim's uncompressed white-is-zero pages as inverted 1-bit gray", async () => {
    const pdf = await PDFDocument.load(pdfOfTiff(tiffPages(faxTiff(2))), { throwOnInvalidObject: true });
    expect(pdf.getPageCount()).toBe(2);
    const xobjects = pdf.getPage(0).node.Resources()!.lookup(PDFName.of('XObject'), PDFDict);
    const image = xobjects.lookup(xobjects.keys()[0]!, PDFRawStream);
    expect(image.dict.lookup(PDFName.of('Filter'))).toBeUndefined();
    expect(image.dict.lookup(PDFName.of('Decode'), PDFArray).asArray().map((value) => (value as PDFNumber).asNumber())).toEqual([1, 0]);
    expect(image.getContents()).toHaveLength(216);
  });

  it('refuses what is not a bilevel fax TIFF, saying why', () => {
    expect(() => tiffPages(Buffer.from('%PDF-1.4'))).toThrow(new TiffError('not a TIFF file'));
    const colour = faxTiff(1);
    colour.writeUInt16LE(8, 8 + 2 + 2 * 12 + 8);
    expect(() => tiffPages(colour)).toThrow('not bilevel');
    const cut = faxTiff(1);
    cut.writeUInt32LE(9_999, 8 + 2 + 5 * 12 + 8);
    expect(() => tiffPages(cut)).toThrow('outside the file');
  });

  it('chooses the format by the Accept header, TIFF unless PDF is preferred', () => {
    const offered = ['image/tiff', 'application/pdf'] as const;
    expect(preferredType('', offered)).toBe('image/tiff');
    expect(preferredType('*/*', offered)).toBe('image/tiff');
    expect(preferredType('application/pdf', offered)).toBe('application/pdf');
    expect(preferredType('image/tiff;q=0.4, application/*', offered)).toBe('application/pdf');
    expect(preferredType('application/pdf;q=0, */*', offered)).toBe('image/tiff');
  });
});
