/** Labels of values stored in the data: the priority groups. */
import type { Lang } from '../../src/ui.js';
import { texts } from './texts.js';

/** A priority group's name; a value not among the known groups is shown as it is stored. */
export function groupLabel(g: string, lang: Lang): string {
  return texts(lang, 'input.group.label', { group: g });
}
