// The tests' hands on the workbench UI: each call asks the runner (test/e2e/uiDriver.mjs, which holds the playwright
// Page) to press a key, type, pick a quick pick item or read the quick input, and resolves once it has. The runner
// waits on the real DOM for each step; the test waits on the runner. Only the code-server runner offers this
// (MOCKFORGE_E2E_UI): elsewhere uiAvailable() is false and the UI suites skip.
import * as http from 'node:http';

/** What the visible quick input (quick pick, input box, simple file dialog) shows. */
export interface QuickInputState {
  title: string;
  value: string;
  placeholder: string;
  /** Validation or info message under the box ('' when none). */
  message: string;
  /** Labels of the rendered list items, in order. */
  items: string[];
  /** Label of the item the keyboard is on (Enter accepts it); '' when none. */
  active: string;
}

/** Bound on one step's wait inside the runner: generous, for a busy CI machine. */
const STEP_MS = 60_000;

type UiAction =
  | { op: 'press'; key: string }
  | { op: 'type'; text: string; replace?: boolean; timeoutMs?: number }
  | { op: 'quickInput'; title?: string; message?: string; item?: string; active?: string; value?: string; timeoutMs?: number }
  | { op: 'pick'; label: string; timeoutMs?: number }
  | { op: 'closed'; timeoutMs?: number }
  | { op: 'webview'; text: string; timeoutMs?: number }
  | { op: 'screenshot'; name: string; waitFor: string[]; timeoutMs?: number };

export function uiAvailable(): boolean {
  return !!process.env.MOCKFORGE_E2E_UI;
}

function act<T>(action: UiAction): Promise<T> {
  const url = process.env.MOCKFORGE_E2E_UI;
  if (!url) return Promise.reject(new Error('no UI endpoint: run under test/e2e/runner.mjs'));
  const body = JSON.stringify({ timeoutMs: STEP_MS, ...action });
  // node:http, not fetch: the extension host may route fetch through VS Code's proxy support.
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        try {
          const reply = JSON.parse(text) as { ok: boolean; result?: T; error?: string };
          if (reply.ok) resolve(reply.result as T);
          else reject(new Error(`ui ${action.op} ${JSON.stringify(action)}: ${reply.error}`));
        } catch (err) {
          reject(new Error(`ui ${action.op}: unreadable reply ${text.slice(0, 200)} (${(err as Error).message})`));
        }
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

export const ui = {
  /** A key or chord as playwright names it: 'Enter', 'Escape', 'ArrowDown', 'F1', 'ControlOrMeta+Shift+P'. */
  press: (key: string): Promise<void> => act({ op: 'press', key }),
  /** Types into the focused quick input box (replace: select its text first). */
  type: (text: string, replace = false): Promise<void> => act({ op: 'type', text, replace }),
  /** Waits for the quick input (with this title / message / item / active item / exact value, when given) and reads it. */
  quickInput: (want: { title?: string; message?: string; item?: string; active?: string; value?: string } = {}): Promise<QuickInputState> => act({ op: 'quickInput', ...want }),
  /** Waits for the item with exactly this label and clicks it. */
  pick: (label: string): Promise<void> => act({ op: 'pick', label }),
  /** Waits until no quick input is shown. */
  closed: (): Promise<void> => act({ op: 'closed' }),
  /** Waits until the shown webview's page (e.g. the request panel) has this text; resolves with all its text. */
  webview: (text: string): Promise<string> => act({ op: 'webview', text }),
  /** Saves a picture of the workbench once every CSS selector is visible; resolves with the PNG's path. */
  screenshot: (name: string, waitFor: string[], timeoutMs = STEP_MS): Promise<string> => act({ op: 'screenshot', name, waitFor, timeoutMs }),

  /** Runs a command from the Command Palette as an author does: F1, type (part of) its title, Enter on it. */
  async palette(typed: string, label: string): Promise<void> {
    await ui.press('F1');
    await ui.quickInput({ value: '>' });
    await ui.type(typed);
    await ui.quickInput({ active: label });
    await ui.press('Enter');
  },
};
