// The request panel's page shell: a strict CSP (nothing but the extension's own stylesheet and one nonce'd script),
// no inline markup beyond the two tags that load them. The webview script builds everything else with textContent.
import { randomBytes } from 'node:crypto';
import { escapeHtml } from '../../../webview/src/format';

export interface ShellOptions {
  /** webview.cspSource: the origin the webview serves the extension's local resources from. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  /** A fresh random value per page load. */
  nonce?: string;
}

export function makeNonce(): string {
  return randomBytes(18).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function panelHtml(o: ShellOptions): string {
  const nonce = o.nonce ?? makeNonce();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(o.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${escapeHtml(o.styleUri)}">
<title>MockForge Request</title>
</head>
<body>
<script nonce="${escapeHtml(nonce)}" src="${escapeHtml(o.scriptUri)}"></script>
</body>
</html>
`;
}
