/** Labels of values stored in the data: the priority groups. */
import { PRIORITY_GROUPS } from '../../models/contribution.js';
import type { Lang } from '../../src/ui.js';
import { t, type TextKey } from './texts.js';

export function groupLabel(g: string, lang: Lang): string {
  return (PRIORITY_GROUPS as readonly string[]).includes(g) ? t(lang, `grp_${g}` as TextKey) : g;
}
