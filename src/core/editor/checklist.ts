// The team's review checklist (DESIGN.md), as the editor names an item in a hover.
import type { ChecklistItem } from '../lint/types';

export const CHECKLIST_ITEMS: Readonly<Record<ChecklistItem, string>> = {
  1: 'follows the architecture spec',
  2: 'version sequential and unique',
  3: 'UP and DOWN present and tested',
  4: 'vector dimensions consistent',
  5: 'indexes fit the documented query patterns',
  6: 'constraints enforce the rules',
  7: 'SQL valid for the target PostgreSQL',
  8: 'transaction boundaries right',
  9: 'failure modes handled (locks, timeouts, rewrites)',
  10: 'documented (header, rationale)',
};
