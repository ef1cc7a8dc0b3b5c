/**
 * Which of `offered` an Accept header prefers (RFC 9110 §12.5.1): the highest quality,
 * the more specific range deciding a type's quality, the first offered on a tie. Absent
 * or matching nothing, the first offered: a download answers with what it has.
 */
export function preferredType(accept: string, offered: readonly [string, ...string[]]): string {
  const ranges = accept
    .split(',')
    .map((part) => {
      const [range = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
      const q = params.find((param) => param.startsWith('q='));
      const quality = q === undefined ? 1 : Number(q.slice(2));
      return { range, quality: Number.isFinite(quality) ? quality : 0 };
    })
    .filter((entry) => entry.range !== '');
  const qualityOf = (type: string) => {
    const [major] = type.split('/');
    const match = ranges.find((entry) => entry.range === type) ?? ranges.find((entry) => entry.range === `${major}/*`) ?? ranges.find((entry) => entry.range === '*/*');
    return match?.quality ?? 0;
  };
  let best = offered[0];
  let bestQuality = 0;
  for (const type of offered) {
    const quality = qualityOf(type);
    if (quality > bestQuality) [best, bestQuality] = [type, quality];
  }
  return best;
}
