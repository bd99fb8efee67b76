import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/**
 * A webview's page with the project's strict Content Security Policy (the timeline's and the
 * posture's): nothing loads but the extension's own stylesheets (media/page.css, which every page
 * shares, then the page's) and its one script (dist/webview/, built from media/*.ts), which runs
 * by a fresh nonce; no inline script or style, no network. `body` is the page's fixed markup, never text from AWS or from files (the
 * script sets that with textContent).
 * https://code.visualstudio.com/api/extension-guides/webview#content-security-policy
 */
export function strictPage(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  page: { title: string; css: string; js: string; body: string },
): string {
  const [media, scripts] = webviewRoots(extensionUri);
  const nonce = randomBytes(16).toString('hex');
  const shared = webview.asWebviewUri(vscode.Uri.joinPath(media, 'page.css')).toString();
  const css = webview.asWebviewUri(vscode.Uri.joinPath(media, page.css)).toString();
  const js = webview.asWebviewUri(vscode.Uri.joinPath(scripts, page.js)).toString();
  const src = webview.cspSource;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${src}; script-src 'nonce-${nonce}'; img-src ${src};">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${shared}">
<link rel="stylesheet" href="${css}">
<title>${page.title}</title>
</head>
<body>
${page.body}
<script nonce="${nonce}" src="${js}"></script>
</body>
</html>`;
}

/** The only folders a webview may load from: the stylesheets (media/) and the built scripts. */
export function webviewRoots(extensionUri: vscode.Uri): [media: vscode.Uri, scripts: vscode.Uri] {
  return [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist', 'webview')];
}
