/**
 * The sign-in, consent and error pages: server-rendered HTML, no scripts,
 * no third-party assets, plain forms that work with a keyboard and a screen
 * reader. Everything interpolated goes through `esc`.
 */

export function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Headers for every page: no framing, no scripts, nothing loaded from elsewhere, never cached. */
export const PAGE_HEADERS: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f5f5f4;color:#1c1917}
main{max-width:28rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:.75rem;box-shadow:0 1px 3px #0002}
h1{font-size:1.35rem;margin:0 0 1rem}
label{display:block;font-weight:600;margin:1rem 0 .25rem}
input[type=password]{width:100%;box-sizing:border-box;padding:.6rem;font:inherit;border:1px solid #a8a29e;border-radius:.4rem}
button,.button{display:inline-block;font:inherit;padding:.6rem 1.1rem;border-radius:.4rem;border:1px solid #1c1917;background:#1c1917;color:#fff;cursor:pointer;text-decoration:none;margin:1rem .5rem 0 0}
button.secondary,.button.secondary{background:#fff;color:#1c1917}
:focus-visible{outline:3px solid #2563eb;outline-offset:2px}
.error{background:#fef2f2;border:1px solid #fca5a5;padding:.6rem;border-radius:.4rem}
dl{margin:1rem 0}dt{font-weight:600}dd{margin:0 0 .5rem}
.hint{color:#57534e;font-size:.9rem}
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)} · deskgate</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

export interface LoginPage {
  action: string;
  csrf: string;
  clientName: string;
  error?: string;
  /** Button for identity-provider sign-in, when configured. */
  oidc?: { action: string; label: string };
}

export function loginPage(p: LoginPage): string {
  const error = p.error ? `<p class="error" role="alert" id="error">${esc(p.error)}</p>` : '';
  const oidc = p.oidc
    ? `<form method="post" action="${esc(p.oidc.action)}"><input type="hidden" name="csrf" value="${esc(p.csrf)}">
<button type="submit" class="secondary">Sign in with ${esc(p.oidc.label)}</button></form><p class="hint">or with an API key:</p>`
    : '';
  return layout(
    'Sign in',
    `<h1>Sign in to deskgate</h1>
<p><strong>${esc(p.clientName)}</strong> wants to use your deskgate tools.</p>
${error}${oidc}
<form method="post" action="${esc(p.action)}">
<input type="hidden" name="csrf" value="${esc(p.csrf)}">
<label for="api_key">API key</label>
<input type="password" id="api_key" name="api_key" autocomplete="current-password" required autofocus${p.error ? ' aria-describedby="error"' : ''}>
<p class="hint">The deskgate key an administrator gave you (it starts with <code>dg_</code>). The connection gets that key's role and limits.</p>
<button type="submit">Sign in</button>
</form>`,
  );
}

export interface ConsentPage {
  action: string;
  csrf: string;
  clientName: string;
  /** Host the browser returns to after approval. */
  returnHost: string;
  userEmail: string;
  role: string;
  connectors: string;
  readOnly: boolean;
  keyName: string | undefined;
  /** The user allowed this application before, for another return address: say so. */
  newReturnHost?: boolean;
}

export function consentPage(p: ConsentPage): string {
  return layout(
    'Allow access',
    `<h1>Allow ${esc(p.clientName)} to use deskgate?</h1>
<p>Signed in as <strong>${esc(p.userEmail)}</strong>${p.keyName ? ` with the key “${esc(p.keyName)}”` : ''}.</p>
${p.newReturnHost ? `<p class="error" role="status">You allowed ${esc(p.clientName)} before, returning to another address. It now wants to return to <strong>${esc(p.returnHost)}</strong>: allow it only if you expect that address.</p>
` : ''}<dl>
<dt>Application</dt><dd>${esc(p.clientName)}, returning to <strong>${esc(p.returnHost)}</strong></dd>
<dt>It will act as</dt><dd>${esc(p.userEmail)} (role: ${esc(p.role)})</dd>
<dt>Connectors</dt><dd>${esc(p.connectors)}</dd>
<dt>Access</dt><dd>${p.readOnly ? 'Read-only: it can look things up but not change anything.' : 'Read and write: it can use every tool your role and key allow, including ones that change data.'}</dd>
</dl>
<p class="hint">You can revoke this later (ask an admin: <code>deskgate grants revoke</code>).</p>
<form method="post" action="${esc(p.action)}">
<input type="hidden" name="csrf" value="${esc(p.csrf)}">
<button type="submit" name="decision" value="approve" autofocus>Allow</button>
<button type="submit" name="decision" value="deny" class="secondary">Deny</button>
</form>`,
  );
}

export function errorPage(title: string, message: string): string {
  return layout(title, `<h1>${esc(title)}</h1><p>${esc(message)}</p><p class="hint">Go back to the application and connect again.</p>`);
}
