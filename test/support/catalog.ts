/** A catalog for a test's own dialog: the same words in every language. */
import { defineCatalog, type Catalog } from '../../src/i18n.js';

export function testCatalog<const K extends string>(prefix: string, words: Record<K, string>): Catalog<Record<K, never>> {
  return defineCatalog<Record<K, never>>(prefix, { nb: words, nn: words, en: words });
}
