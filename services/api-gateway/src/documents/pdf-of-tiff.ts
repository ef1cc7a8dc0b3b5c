import type { TiffPage, TiffStrip } from './tiff-pages.js';

/** The image dictionary of one strip: CCITT strips are passed through to the viewer's decoder, uncompressed ones as pixels. */
function imageDictionary(page: TiffPage, strip: TiffStrip): string {
  const common = `/Type /XObject /Subtype /Image /Width ${page.width} /Height ${strip.rows} /ColorSpace /DeviceGray /BitsPerComponent 1 /Length ${strip.data.length}`;
  // PDF's DeviceGray is black at 0, as a black-is-zero TIFF; a fax's white-is-zero pixels are inverted.
  if (page.compression === 1) return `<< ${common}${page.photometric === 0 ? ' /Decode [1 0]' : ''} >>`;
  const k = page.compression === 4 ? -1 : page.twoDimensional ? 1 : 0;
  // Modified Huffman (TIFF compression 2) is T.4 one-dimensional with each row starting on a byte, and no EOLs.
  const align = page.compression === 2 ? ' /EncodedByteAlign true' : '';
  const black = page.photometric === 1 ? ' /BlackIs1 true' : '';
  return `<< ${common} /Filter /CCITTFaxDecode /DecodeParms << /K ${k} /Columns ${page.width} /Rows ${strip.rows}${align}${black} >> >>`;
}

const points = (pixels: number, dpi: number) => Number(((pixels / dpi) * 72).toFixed(3));

/**
 * A PDF (ISO 32000-1) with one page per fax page, each page's strips drawn top to bottom
 * as image XObjects at the page's resolution: the pixels are not decoded here, so the PDF
 * is as sharp as the fax and about its size.
 */
export function pdfOfTiff(pages: TiffPage[]): Buffer {
  const objects: Buffer[] = [];
  const add = (body: Buffer | string) => {
    objects.push(typeof body === 'string' ? Buffer.from(body, 'latin1') : body);
    return objects.length;
  };
  const stream = (dictionary: string, data: Buffer) => Buffer.concat([Buffer.from(`${dictionary}\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);
  // Objects 1 and 2 are the catalog and the page tree, written once the pages have numbers.
  add('');
  add('');
  const pageIds: number[] = [];
  for (const page of pages) {
    const width = points(page.width, page.xDpi);
    const height = points(page.height, page.yDpi);
    const images: string[] = [];
    let drawing = '';
    let above = 0;
    page.strips.forEach((strip, index) => {
      const id = add(stream(imageDictionary(page, strip), strip.data));
      images.push(`/Im${index} ${id} 0 R`);
      const stripHeight = points(strip.rows, page.yDpi);
      above += strip.rows;
      drawing += `q ${width} 0 0 ${stripHeight} 0 ${points(page.height - above, page.yDpi)} cm /Im${index} Do Q\n`;
    });
    const content = add(stream(`<< /Length ${Buffer.byteLength(drawing, 'latin1')} >>`, Buffer.from(drawing, 'latin1')));
    pageIds.push(add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${width} ${height}] /Resources << /XObject << ${images.join(' ')} >> >> /Contents ${content} 0 R >>`));
  }
  objects[0] = Buffer.from('<< /Type /Catalog /Pages 2 0 R >>', 'latin1');
  objects[1] = Buffer.from(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`, 'latin1');

  // A binary comment after the header tells transfer tools the file is not text.
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(offset);
    const object = Buffer.concat([Buffer.from(`${index + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(object);
    offset += object.length;
  });
  // Each cross-reference entry is exactly 20 bytes, its end of line included.
  const xref = [`xref\n0 ${objects.length + 1}\n`, '0000000000 65535 f \n', ...offsets.map((at) => `${String(at).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}
