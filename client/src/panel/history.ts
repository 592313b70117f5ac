// The last 50 calls made from the request panel, kept in the workspace's state (not in files: history is personal).
import type * as vscode from 'vscode';
import type { HistoryEntry } from '../../../webview/src/messages';

const KEY = 'mockforge.requestPanel.history';
export const HISTORY_LIMIT = 50;

export class History {
  constructor(private readonly memento: vscode.Memento) {}

  list(): HistoryEntry[] {
    return this.memento.get<HistoryEntry[]>(KEY, []);
  }

  async add(entry: HistoryEntry): Promise<HistoryEntry[]> {
    const next = [entry, ...this.list()].slice(0, HISTORY_LIMIT);
    await this.memento.update(KEY, next);
    return next;
  }
}
