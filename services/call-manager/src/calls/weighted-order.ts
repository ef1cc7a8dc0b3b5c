/**
 * The order a `weighted_random` ring group rings its endpoints in, drawn for each call:
 * each place goes to one of the endpoints left with a chance of its weight over the
 * weights left (a weight of 1 when none is given), so a heavier endpoint tends to ring
 * earlier without the lighter ones ever being left out.
 */
export function weightedOrder<T>(items: readonly T[], weightOf: (item: T) => number | undefined, random: () => number = Math.random): T[] {
  const left = items.map((item) => ({ item, weight: Math.max(1, weightOf(item) ?? 1) }));
  const order: T[] = [];
  while (left.length > 0) {
    const total = left.reduce((sum, each) => sum + each.weight, 0);
    let draw = random() * total;
    let index = left.findIndex((each) => (draw -= each.weight) < 0);
    // random() < 1, but a float sum can leave the draw a hair over the last weight.
    if (index === -1) index = left.length - 1;
    order.push(left[index]!.item);
    left.splice(index, 1);
  }
  return order;
}
