// What a user sees and does in the VS Code workbench, as Playwright locators and actions: the
// pgvector Migrator view and its title-bar buttons, tree items and their context menu, the status
// bar, quick inputs, notifications, the editor's squiggles, hovers and quick fixes, the Problems
// panel. Every wait is for something to appear on screen, with a generous timeout: the machine that
// runs this may be busy.

/** Long enough for a cold PGlite start on a busy machine; conditions usually hold in seconds. */
export const UI_TIMEOUT = 90_000;

/** Ids of the extension's contributions, as the workbench renders them in the DOM. */
const STATUS_BAR_ITEM = '[id="pgvector-migrator.pgvector-migrator.pgvectorMigrator.status"]';

/** Monaco renders spaces as no-break spaces. */
export const plain = (text) => (text ?? '').replace(/\u00a0/g, ' ');

/** Waits until `read()` returns a value `accept` likes; the error names `what` and the last value. */
export async function until(what, read, accept = Boolean, { timeout = UI_TIMEOUT, interval = 250 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  let lastError;
  for (;;) {
    try {
      last = await read();
      lastError = undefined;
      if (accept(last)) return last;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const seen = lastError ? `last error: ${lastError.message.split('\n')[0]}` : `last seen: ${JSON.stringify(last)}`;
      throw new Error(`waited ${Math.round(timeout / 1000)} s for ${what}; ${seen}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

export class Workbench {
  constructor(page) {
    this.page = page;
  }

  get sidebar() {
    return this.page.locator('.part.sidebar');
  }

  /** Opens the pgvector Migrator container from the activity bar and waits for its first item. */
  async openMigrationsView(firstItem) {
    await this.page.locator('.part.activitybar .action-label[aria-label^="pgvector Migrator"]').first().click({ timeout: UI_TIMEOUT });
    await this.sidebar.getByText('Migrations', { exact: false }).first().waitFor({ timeout: UI_TIMEOUT });
    if (firstItem) await this.treeRow(firstItem).waitFor({ timeout: UI_TIMEOUT });
  }

  /** A button of the Migrations view's title bar, by its tooltip ("Apply pending", "New Migration"). */
  titleButton(name) {
    return this.sidebar.locator(`.title-actions .action-label[aria-label="${name}"], .pane-header .actions .action-label[aria-label="${name}"]`).filter({ visible: true }).first();
  }

  async clickTitleButton(name) {
    const button = this.titleButton(name);
    await button.waitFor({ timeout: UI_TIMEOUT });
    await button.click();
  }

  /** The tree row whose label is `label` (a file name such as 0003_create_chunks.sql). */
  treeRow(label) {
    return this.sidebar.locator('.monaco-list-row[role="treeitem"]').filter({ has: this.page.locator('.label-name', { hasText: label }) }).first();
  }

  /** Every row of the Migrations view as { label, description }, top to bottom. */
  async treeItems() {
    const rows = this.sidebar.locator('.monaco-list-row[role="treeitem"]');
    const items = await rows.evaluateAll((els) => els.map((el) => ({
      top: el.getBoundingClientRect().top,
      label: el.querySelector('.label-name')?.textContent ?? '',
      description: el.querySelector('.label-description')?.textContent ?? '',
    })));
    return items.sort((a, b) => a.top - b.top).map(({ label, description }) => ({ label: plain(label), description: plain(description) }));
  }

  /** Waits until the view lists exactly `expected` ({ label: /description/ or 'text' }), in order. */
  async waitForItems(what, expected) {
    const wanted = Object.entries(expected);
    return until(what, () => this.treeItems(), (items) => {
      const migrations = items.filter((i) => /\.sql$/.test(i.label));
      return migrations.length === wanted.length && wanted.every(([label, description], i) => migrations[i].label === label
        && (description instanceof RegExp ? description.test(migrations[i].description) : migrations[i].description === description));
    });
  }

  /** Right-clicks a tree row and clicks `command` in its context menu. */
  async contextMenu(rowLabel, command) {
    // At the row's right end: the menu opens beside the pointer, clear of the row's own text.
    const row = this.treeRow(rowLabel);
    const box = await row.boundingBox();
    await row.click({ button: 'right', position: { x: box.width - 12, y: box.height / 2 } });
    const item = this.page.getByRole('menuitem', { name: command, exact: true });
    await item.waitFor({ timeout: UI_TIMEOUT });
    return item;
  }

  async statusBarText() {
    return plain(await this.page.locator(STATUS_BAR_ITEM).innerText({ timeout: UI_TIMEOUT })).trim();
  }

  async waitForStatusBar(pattern) {
    return until(`the status bar to show ${pattern}`, () => this.statusBarText(), (t) => pattern.test(t));
  }

  /** The quick input (input box or quick pick) that is open now. */
  get quickInput() {
    return this.page.locator('.quick-input-widget').filter({ visible: true }).first();
  }

  /** Types into the open input box, as the user would, and presses Enter. */
  async answerInputBox(text, { promptIncludes } = {}) {
    const widget = this.quickInput;
    await widget.waitFor({ timeout: UI_TIMEOUT });
    if (promptIncludes) await widget.getByText(promptIncludes, { exact: false }).first().waitFor({ timeout: UI_TIMEOUT });
    const input = widget.locator('input.input');
    await input.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    if (text) await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  /** Picks the quick-pick row whose label starts with `label`. */
  async pick(label, { titleIncludes } = {}) {
    const widget = this.quickInput;
    await widget.waitFor({ timeout: UI_TIMEOUT });
    if (titleIncludes) await widget.getByText(titleIncludes, { exact: false }).first().waitFor({ timeout: UI_TIMEOUT });
    const row = widget.locator('.monaco-list-row').filter({ hasText: label }).first();
    await row.waitFor({ timeout: UI_TIMEOUT });
    await row.click();
  }

  /** Texts of the notification toasts on screen. */
  async notifications() {
    const toasts = this.page.locator('.notifications-toasts .notification-toast');
    return (await toasts.allInnerTexts()).map((t) => plain(t).replace(/\s+/g, ' ').trim());
  }

  /**
   * Waits for a notification that `accept` likes and returns its text. It is looked up in the
   * notification center (the bell in the status bar), which keeps every notification of the window:
   * a toast may hide itself before a busy machine gets to look at it.
   */
  async waitForNotification(what, accept) {
    const center = this.page.locator('.notifications-center');
    const bell = this.page.locator('[id="status.notifications"]');
    const messages = async () => {
      if (!(await center.isVisible())) await bell.click();
      await center.waitFor({ timeout: 5000 });
      const items = center.locator('.notification-list-item');
      return (await items.allInnerTexts()).map((t) => plain(t).replace(/\s+/g, ' ').trim());
    };
    try {
      const all = await until(what, messages, (texts) => texts.some(accept));
      return all.find(accept);
    } finally {
      if (await center.isVisible()) await bell.click();
    }
  }

  /** Drags the side bar's edge so that item descriptions (dates, failure lines) fit. */
  async widenSidebar(width) {
    const box = await this.sidebar.boundingBox();
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width - 1, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width, y, { steps: 8 });
    await this.page.mouse.up();
    await until(`the side bar to be ${width} px wide`, () => this.sidebar.boundingBox(), (b) => Math.abs(b.width - width) < 20);
  }

  /** Waits for menus, hovers and toasts to finish appearing (finite animations only). */
  async settle() {
    await this.page.waitForFunction(() => document.getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity), undefined, { timeout: UI_TIMEOUT });
  }

  /** The active editor (the one with the focus or last focused). */
  get editor() {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  async activeEditorTitle() {
    return plain(await this.page.locator('.editor-group-container.active .tab.active .label-name').first().innerText({ timeout: UI_TIMEOUT }));
  }

  /** The cursor position the status bar shows, e.g. "Ln 9, Col 1". */
  async cursorPosition() {
    return plain(await this.page.locator('[id="status.editor.selection"]').innerText({ timeout: UI_TIMEOUT })).trim();
  }

  /** Waits until the status bar shows the cursor at the start of `line` (1-based). */
  async waitForCursorAt(line) {
    return until(`the cursor on line ${line}`, () => this.cursorPosition(), (p) => p === `Ln ${line}, Col 1`);
  }

  /** Moves the cursor to the start of `line` with Go to Line (Ctrl+G), as a keyboard user does. */
  async goToLine(line) {
    await this.page.keyboard.press('Control+G');
    await this.quickInput.waitFor({ timeout: UI_TIMEOUT });
    await this.page.keyboard.type(String(line));
    await this.page.keyboard.press('Enter');
    await this.waitForCursorAt(line);
  }

  /** The text of the active editor's visible lines, one string per line. */
  async editorLines() {
    const lines = await this.editor.locator('.view-lines .view-line').evaluateAll((els) => els
      .map((el) => ({ top: el.getBoundingClientRect().top, text: el.textContent ?? '' }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text));
    return lines.map(plain);
  }

  /** Squiggles of one severity ('error' | 'warning' | 'info') in the active editor. */
  squiggles(severity = 'error') {
    return this.editor.locator(`.squiggly-${severity}`);
  }

  /**
   * The squiggle of one severity on the editor line that contains `lineText` (other features may
   * squiggle other lines), as a locator, or undefined when that line has none. With `word`, only a
   * squiggle under that word counts.
   */
  async squiggleOnLine(lineText, { severity = 'error', word } = {}) {
    const line = this.editor.locator('.view-line').filter({ hasText: lineText }).first();
    const l = await line.boundingBox();
    if (!l) return undefined;
    let x0 = l.x;
    let x1 = l.x + l.width;
    if (word) {
      const w = await line.getByText(word, { exact: false }).first().boundingBox();
      if (!w) return undefined;
      [x0, x1] = [w.x, w.x + w.width];
    }
    const boxes = await this.squiggles(severity).evaluateAll((els) => els.map((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }));
    const i = boxes.findIndex((b) => Math.abs(b.y + b.height / 2 - (l.y + l.height / 2)) < l.height / 2
      && b.x < x1 && b.x + b.width > x0);
    return i < 0 ? undefined : this.squiggles(severity).nth(i);
  }

  /** Moves the mouse over the middle of `locator` and returns the hover's text once it shows. */
  async hoverText(locator, mustInclude) {
    const box = await locator.boundingBox();
    if (!box) throw new Error('nothing to hover: the element is not on screen');
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(x - 40, y);
    await this.page.mouse.move(x, y, { steps: 5 });
    const hover = this.page.locator('.monaco-hover').filter({ visible: true }).filter({ hasText: mustInclude }).first();
    await hover.waitFor({ timeout: UI_TIMEOUT });
    return plain(await hover.innerText()).replace(/[ \t]+/g, ' ');
  }

  /** Runs a command from the command palette by its title. */
  async runCommand(title) {
    await this.page.keyboard.press('F1');
    const widget = this.quickInput;
    await widget.waitFor({ timeout: UI_TIMEOUT });
    await this.page.keyboard.type(title);
    await widget.locator('.monaco-list-row').filter({ hasText: title }).first().click({ timeout: UI_TIMEOUT });
  }

  /** Rows of the Problems panel as their text ("message source(code) [Ln 12, Col 1]"). */
  async problems() {
    const rows = this.page.locator('.markers-panel .monaco-list-row');
    return (await rows.allInnerTexts()).map((t) => plain(t).replace(/\s+/g, ' ').trim());
  }

  async screenshot(file) {
    await this.settle();
    await this.page.screenshot({ path: file, type: 'png' });
  }
}
