import type { LayoutId } from '../../config/config';
import type { Layout } from './layout';
import { defaultLayout, plainLayout } from './default';
import { dbmateLayout } from './dbmate';
import { golangMigrateLayout } from './golang-migrate';
import { flywayLayout } from './flyway';
import { gooseLayout } from './goose';
import { prismaLayout } from './prisma';
import { drizzleLayout } from './drizzle';
import { supabaseLayout } from './supabase';
import { sqitchLayout } from './sqitch';

export type { Layout, FileMatch, SectionRanges, LayoutFile, LayoutName, LayoutOrder } from './layout';

/**
 * Detection order for `layout: auto`: layouts recognised by a file beside the migrations (plan,
 * journal, lock file) or by where the folder is, then the most specific file names, plain last.
 */
export const LAYOUTS: Layout[] = [
  sqitchLayout, drizzleLayout, prismaLayout, flywayLayout, golangMigrateLayout, gooseLayout, dbmateLayout, defaultLayout, supabaseLayout, plainLayout,
];

export function layoutById(id: Exclude<LayoutId, 'auto'>): Layout {
  const layout = LAYOUTS.find((l) => l.id === id);
  if (!layout) throw new Error(`internal: unknown layout ${id}`);
  return layout;
}

export function detectLayout(files: { name: string; text: string }[], dir = ''): Layout {
  return LAYOUTS.find((l) => l.detect(files, dir)) ?? defaultLayout;
}
