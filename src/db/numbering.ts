/**
 * Creates a document under the next number of a sequence (round 4, poll 12). The number is the
 * highest so far plus one; two created at the same moment clash on the unique index, and the
 * loser tries again with the next. The unique index is what promises "never twice"; deriving the
 * number from the documents themselves means there is no separate counter to keep in step with
 * them (after an import or a restore).
 */
export async function createNumbered<T>(highest: () => Promise<number | undefined>, create: (n: number) => Promise<T>, attempts = 20): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await create(((await highest()) ?? 0) + 1);
    } catch (e) {
      if ((e as { code?: number }).code !== 11000 || attempt >= attempts) throw e;
    }
  }
}
