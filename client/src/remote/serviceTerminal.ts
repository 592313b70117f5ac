// A terminal tab per service started from the editor: its live output (also in the host log), and closing the tab
// stops the service, as closing a task's terminal would.
import * as vscode from 'vscode';

export class ServiceTerminal implements vscode.Disposable {
  private readonly written = new vscode.EventEmitter<string>();
  private readonly closed = new vscode.EventEmitter<void>();
  private open = false;
  private pending = '';
  private disposed = false;
  readonly terminal: vscode.Terminal;

  /** `onUserClose` runs when the user closes the tab (not when dispose() closes it). */
  constructor(name: string, onUserClose: () => void) {
    const pty: vscode.Pseudoterminal = {
      onDidWrite: this.written.event,
      onDidClose: this.closed.event,
      open: () => {
        this.open = true;
        if (this.pending) this.written.fire(this.pending);
        this.pending = '';
      },
      close: () => {
        if (!this.disposed) onUserClose();
      },
    };
    this.terminal = vscode.window.createTerminal({ name, pty, iconPath: new vscode.ThemeIcon('radio-tower'), isTransient: true });
  }

  /** Writes service output (terminals want CRLF). */
  write(text: string): void {
    const data = text.replace(/\r?\n/g, '\r\n');
    if (this.open) this.written.fire(data);
    else this.pending += data;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.closed.fire();
    this.terminal.dispose();
    this.written.dispose();
    this.closed.dispose();
  }
}
