/** The one script tag a site owner pastes before </body>. */
export function embedSnippet(publicUrl: string, publicKey: string): string {
  const base = publicUrl.replace(/\/+$/, '');
  return `<script src="${base}/widget.js" data-site-key="${publicKey}" async></script>`;
}
