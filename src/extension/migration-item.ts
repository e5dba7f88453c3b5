// One migration of the status list -> one tree item: icon and description per state, a tooltip
// with the header fields, a click that opens the file, and a contextValue listing the actions
// that apply, which the menus in package.json match with `when` clauses.
import * as path from 'path';
import * as vscode from 'vscode';
import type { ShownEntry } from '../core/runner/last-failures';
import type { EntryActions } from '../core/runner/entry-actions';
import type { MigrationState } from '../core/runner/status';
import { uriOf } from './uris';
import { sectionText } from '../core/migrations/types';
import { tablesCreatedBy } from '../core/load/created-tables';
import { waitingText } from '../core/runner/requires';

const ICONS: Record<MigrationState, vscode.ThemeIcon> = {
  applied: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')),
  pending: new vscode.ThemeIcon('circle-large-outline'),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  changed: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  missing: new vscode.ThemeIcon('question', new vscode.ThemeColor('list.warningForeground')),
};

/** A pending migration whose `-- Requires:` precondition is false (a backfill under way). */
const WAITING_ICON = new vscode.ThemeIcon('watch', new vscode.ThemeColor('list.warningForeground'));

const UNKNOWN_ICON = new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('disabledForeground'));

/** Why states are not shown, when they are not: e.g. "status unknown: Restricted Mode". */
export type UnknownReason = string | undefined;

export function migrationItem(entry: ShownEntry, actions: EntryActions, unknown: UnknownReason): vscode.TreeItem {
  const label = entry.file ? path.basename(entry.file) : `${entry.version}_${entry.name}`;
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  item.id = `${entry.migration?.up.file ?? entry.version}`;
  item.iconPath = unknown ? UNKNOWN_ICON : entry.waiting ? WAITING_ICON : ICONS[entry.state];
  item.description = unknown ?? describeState(entry);
  item.tooltip = tooltip(entry, unknown);
  item.contextValue = contextValue(entry, actions, unknown);
  if (entry.file) {
    item.resourceUri = uriOf(entry.file);
    item.command = { command: 'vscode.open', title: 'Open Migration', arguments: [uriOf(entry.file)] };
  }
  return item;
}

export function describeState(entry: ShownEntry): string {
  switch (entry.state) {
    case 'applied':
      return `applied ${formatDate(entry.appliedAt)}`;
    case 'pending':
      return entry.waiting ? waitingText(entry.waiting) : 'pending';
    case 'failed':
      return entry.lastFailure ? `failed (${entry.lastFailure.direction === 'up' ? 'apply' : 'roll back'}, line ${entry.lastFailure.failure.location?.line ?? '?'})` : 'failed (marked in the history)';
    case 'changed':
      return `changed after apply (applied ${formatDate(entry.appliedAt)})`;
    case 'missing':
      return `missing on disk (applied ${formatDate(entry.appliedAt)})`;
  }
}

/** "migration state-applied rollBack hasDown": menus match single words with \b...\b. */
export function contextValue(entry: ShownEntry, actions: EntryActions, unknown: UnknownReason): string {
  const words = ['migration', unknown ? 'state-unknown' : `state-${entry.state}`];
  if (!unknown && entry.waiting) words.push('waiting');
  if (!unknown) {
    if (actions.applyUpTo) words.push('applyUpTo');
    if (actions.rollBackTo) words.push('rollBackTo');
    if (actions.rollBack) words.push('rollBack');
  }
  if (actions.hasDown) words.push('hasDown');
  // Load Data into Table… is offered on an applied migration whose UP creates a table.
  if (!unknown && entry.state === 'applied' && entry.migration && tablesCreatedBy(sectionText(entry.migration.up)).length > 0) words.push('createsTable');
  return words.join(' ');
}

function tooltip(entry: ShownEntry, unknown: UnknownReason): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${entry.version}** ${escape(entry.name)} — ${escape(unknown ?? describeState(entry))}\n\n`);
  const fields = entry.migration?.header.fields ?? {};
  for (const key of ['description', 'dependencies', 'author', 'date']) {
    const value = fields[key]?.value;
    if (value) md.appendMarkdown(`${key[0].toUpperCase()}${key.slice(1)}: ${escape(value)}  \n`);
  }
  if (entry.lastFailure) md.appendMarkdown(`\n$(error) ${escape(entry.lastFailure.failure.message)}`);
  return md;
}

function formatDate(date: Date | undefined): string {
  if (!date) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}
