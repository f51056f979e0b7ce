// Drives a real VS Code workbench (code-server in headless Chromium) the way a user does:
// keyboard shortcuts, the Problems panel, the quick-fix menu, hovers. Waits poll for state, never sleep.
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** The parts of playwright's Page the tests use (playwright-core lives in the cache, untyped here). */
export interface Page {
  goto(url: string): Promise<unknown>;
  keyboard: { press(key: string): Promise<void>; type(text: string, options?: { delay?: number }): Promise<void> };
  locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
  screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>;
  waitForFunction(fn: string | ((arg: any) => unknown), arg?: unknown, options?: { timeout?: number; polling?: number }): Promise<unknown>;
  evaluate<T>(fn: string | ((arg: any) => T), arg?: unknown): Promise<T>;
}

export interface Locator {
  first(): Locator;
  nth(i: number): Locator;
  filter(options: { hasText?: string | RegExp; has?: Locator }): Locator;
  locator(selector: string): Locator;
  waitFor(options?: { state?: "attached" | "detached" | "visible" | "hidden"; timeout?: number }): Promise<void>;
  click(options?: { timeout?: number; button?: "left" | "right" }): Promise<void>;
  dblclick(options?: { timeout?: number }): Promise<void>;
  hover(options?: { timeout?: number }): Promise<void>;
  count(): Promise<number>;
  allInnerTexts(): Promise<string[]>;
  innerText(options?: { timeout?: number }): Promise<string>;
  textContent(options?: { timeout?: number }): Promise<string | null>;
  isVisible(): Promise<boolean>;
  getAttribute(name: string): Promise<string | null>;
  press(key: string): Promise<void>;
  fill(text: string): Promise<void>;
  frameLocator?(selector: string): unknown;
}

export const ARTIFACTS = path.resolve(__dirname, "../../../test-artifacts");
const TIMEOUT = 30_000;

export class Workbench {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator(".monaco-workbench").waitFor({ timeout: 60_000 });
    // The explorer lists the folder once the workspace is loaded.
    await this.page.locator(".explorer-folders-view .monaco-list-row").first().waitFor({ timeout: 60_000 });
  }

  /** Opens a file with Quick Open and waits for its editor tab. */
  async openFile(relativePath: string): Promise<void> {
    const name = path.posix.basename(relativePath);
    await this.page.keyboard.press("Control+P");
    await this.page.locator(".quick-input-widget").waitFor({ state: "visible", timeout: TIMEOUT });
    await this.page.keyboard.type(relativePath);
    const row = this.page.locator(".quick-input-widget .monaco-list-row").filter({ hasText: name }).first();
    await row.waitFor({ timeout: TIMEOUT });
    await this.page.keyboard.press("Enter");
    await this.page.locator(`.tabs-container .tab.active`).filter({ hasText: name }).waitFor({ timeout: TIMEOUT });
    await this.page.locator(".monaco-editor .view-lines").first().waitFor({ timeout: TIMEOUT });
  }

  /** Runs a command from the palette by its visible title. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press("Control+Shift+P");
    await this.page.locator(".quick-input-widget").waitFor({ state: "visible", timeout: TIMEOUT });
    await this.page.keyboard.type(title);
    await this.page.locator(".quick-input-widget .monaco-list-row").filter({ hasText: title }).first().waitFor({ timeout: TIMEOUT });
    await this.page.keyboard.press("Enter");
  }

  /** Opens an activity-bar container by its title. */
  async openPanel(title: string): Promise<void> {
    const item = this.page.locator(`.activitybar .action-item a[aria-label^="${title}"]`).first();
    await item.waitFor({ timeout: TIMEOUT });
    await item.click();
    await this.page.locator(".sidebar .pane-header").first().waitFor({ timeout: TIMEOUT });
  }

  /** Clicks a button of a view's welcome content (the text shown before there is anything to list). */
  async clickWelcomeButton(label: string): Promise<void> {
    const button = this.page.locator(".sidebar .welcome-view-content .monaco-button").filter({ hasText: label }).first();
    await button.waitFor({ timeout: TIMEOUT });
    await button.click();
  }

  /** Polls the rows of a sidebar view (found by its header) until `predicate` accepts their texts. */
  async waitForTreeRows(view: string, predicate: (rows: string[]) => boolean, what: string, timeout = 60_000): Promise<string[]> {
    const pane = this.page.locator(".sidebar .pane").filter({ has: this.page.locator(".pane-header", { hasText: view }) }).first();
    const deadline = Date.now() + timeout;
    let rows: string[] = [];
    while (Date.now() < deadline) {
      rows = (await pane.locator(".monaco-list-row").allInnerTexts()).map((r) => r.replace(/\s+/g, " "));
      if (predicate(rows)) return rows;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`view "${view}" never showed ${what}; rows:\n${rows.join("\n")}`);
  }

  /** The active webview's content frame (VS Code nests the page in two iframes). */
  webview(): Locator {
    return (this.page as any).frameLocator("iframe.webview.ready").last().frameLocator("#active-frame").locator(":root");
  }

  async showProblems(): Promise<void> {
    await this.page.keyboard.press("Control+Shift+M");
    await this.page.locator(".markers-panel").waitFor({ state: "visible", timeout: TIMEOUT });
  }

  /** Texts of the Problems panel's rows (file headers and problems). */
  async problemRows(): Promise<string[]> {
    return this.page.locator(".markers-panel .monaco-list-row").allInnerTexts();
  }

  /** Polls the Problems panel until its rows satisfy `predicate`; `what` names the expectation in the error.  */
  async waitForProblems(predicate: (rows: string[]) => boolean, what: string, timeout = 60_000): Promise<string[]> {
    const deadline = Date.now() + timeout;
    let rows: string[] = [];
    while (Date.now() < deadline) {
      rows = await this.problemRows();
      if (predicate(rows)) return rows;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`Problems panel never showed ${what}; rows:\n${rows.join("\n")}`);
  }

  /** Clicks the problem row naming `code`, which puts the cursor on the finding. */
  async revealProblem(code: string): Promise<void> {
    await this.page.locator(".markers-panel .monaco-list-row").filter({ hasText: code }).first().click();
    await this.page.locator(".monaco-editor.focused").waitFor({ timeout: TIMEOUT }).catch(async () => {
      // A single click selects; a second one (or Enter) opens and focuses the editor.
      await this.page.keyboard.press("Enter");
    });
  }

  /** Opens the quick-fix menu at the cursor and applies the action with this title (by keyboard, as the menu's overlay takes the clicks). */
  async applyQuickFix(title: RegExp): Promise<void> {
    await this.page.keyboard.press("Control+.");
    const rows = this.page.locator(".action-widget .monaco-list-row.action");
    await rows.filter({ hasText: title }).first().waitFor({ timeout: TIMEOUT });
    const count = await rows.count();
    for (let i = 0; i <= count; i++) {
      const focused = await this.page.locator(".action-widget .monaco-list-row.action.focused").first().getAttribute("aria-label");
      if (focused && title.test(focused)) {
        await this.page.keyboard.press("Enter");
        await this.page.locator(".action-widget").waitFor({ state: "hidden", timeout: TIMEOUT });
        return;
      }
      await this.page.keyboard.press("ArrowDown");
    }
    throw new Error(`no quick-fix matching ${title} in the menu: ${(await rows.allInnerTexts()).join(" | ")}`);
  }

  /** Shows the hover at the cursor (Ctrl+K Ctrl+I) and returns its text once it contains `containing` (the language server's part may come after the problem's). */
  async hoverAtCursor(containing: string | RegExp): Promise<string> {
    await this.page.keyboard.press("Control+K");
    await this.page.keyboard.press("Control+I");
    const hover = this.page.locator(".monaco-hover").filter({ hasText: containing }).first();
    await hover.waitFor({ state: "visible", timeout: TIMEOUT });
    return hover.innerText();
  }

  /** Saves the active editor and polls the file on disk until `saved` accepts its text. */
  async saveAndWait(file: string, saved: (text: string) => boolean): Promise<string> {
    await this.page.keyboard.press("Control+S");
    const deadline = Date.now() + TIMEOUT;
    let text = "";
    while (Date.now() < deadline) {
      text = readFileSync(file, "utf8");
      if (saved(text)) return text;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${file} was not saved as expected; on disk:\n${text}`);
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}
