/**
 * Alternation: every round runs each variant once, in a rotated order (round r starts with
 * variant r mod n), so that drift in the machine's load (other engineers' tests on the same two
 * cores) spreads over all variants instead of landing on whichever ran last.
 */
export async function alternate<V extends string, R>(
  variants: readonly V[],
  rounds: number,
  warmup: number,
  run: (variant: V, round: number) => Promise<R>,
): Promise<Map<V, R[]>> {
  const results = new Map<V, R[]>(variants.map((v) => [v, []]));
  for (let round = 0; round < warmup + rounds; round++) {
    for (let i = 0; i < variants.length; i++) {
      const variant = variants[(i + round) % variants.length]!;
      const result = await run(variant, round);
      if (round >= warmup) results.get(variant)!.push(result);
    }
  }
  return results;
}
