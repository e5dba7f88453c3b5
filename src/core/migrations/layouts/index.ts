import type { LayoutId } from '../../config/config';
import type { Layout } from './layout';
import { defaultLayout, plainLayout } from './default';
import { dbmateLayout } from './dbmate';
import { golangMigrateLayout } from './golang-migrate';
import { flywayLayout } from './flyway';

export type { Layout, FileMatch, SectionRanges } from './layout';

/** Detection order for `layout: auto`: the most specific file names first, plain last. */
export const LAYOUTS: Layout[] = [flywayLayout, golangMigrateLayout, dbmateLayout, defaultLayout, plainLayout];

export function layoutById(id: Exclude<LayoutId, 'auto'>): Layout {
  const layout = LAYOUTS.find((l) => l.id === id);
  if (!layout) throw new Error(`internal: unknown layout ${id}`);
  return layout;
}

export function detectLayout(files: { name: string; text: string }[]): Layout {
  return LAYOUTS.find((l) => l.detect(files)) ?? defaultLayout;
}
