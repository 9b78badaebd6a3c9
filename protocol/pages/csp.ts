// Content-Security-Policy for every Reflection Lens page (VS Code webviews and the offline HTML
// report). Scripts and styles run only with the page's nonce; nothing is fetched from the network.
// Plain string code with no DOM or Node imports, so the extension, the CLI and the browser share it.

/** A fresh random nonce (base64, 128 bits). Uses Web Crypto, present in browsers and Node >= 19. */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/**
 * The policy text. `cspSource` is the webview's own origin (`webview.cspSource`), needed to load
 * the bundled script by URL; the offline report inlines everything and passes none.
 */
export function contentSecurityPolicy(nonce: string, cspSource?: string): string {
  const src = cspSource ? `${cspSource} ` : '';
  return ["default-src 'none'", `img-src ${src}data: blob:`, `style-src ${src}'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`].join('; ');
}

/** Escapes text for an HTML attribute or element body. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * JSON that is safe inside a `<script type="application/json">` element: `<` is escaped so the
 * data can never close the element or open a comment, whatever strings the traces contain.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Script text that is safe to inline in a `<script>` element. */
export function scriptForInline(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}
