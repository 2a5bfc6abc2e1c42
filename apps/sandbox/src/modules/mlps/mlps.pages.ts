/**
 * The HTML pages the MLPS registry answers errors with. The contract promises JSON only for
 * successes: a wrong token, maintenance, throttling and failures come as pages from the registry's
 * Java application server or the nginx in front of it, and a client must cope with that.
 */

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head>
<body>${body}</body></html>
`;
}

/** Escapes text for an HTML page; error pages quote what the caller sent. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const FORBIDDEN_PAGE = page(
  '403 Forbidden',
  '<h1>403 Forbidden</h1><p>访问令牌无效或缺失（X-Api-Token） / invalid or missing X-Api-Token</p>',
);

export const MAINTENANCE_PAGE = page(
  '系统维护中',
  '<h1>系统维护中</h1><p>网络安全等级保护备案系统正在进行例行维护，请稍后再试。</p>' +
    '<p>The MLPS filing registry is under maintenance. Please try again later.</p>',
);

export const RATE_LIMITED_PAGE = page(
  '429 Too Many Requests',
  '<center><h1>429 Too Many Requests</h1></center><hr><center>nginx</center>',
);

/** What the registry's Tomcat shows when the application throws. */
export const INTERNAL_ERROR_PAGE = page(
  'HTTP Status 500 – Internal Server Error',
  '<h1>HTTP Status 500 – Internal Server Error</h1><hr class="line" />' +
    '<p><b>Type</b> Exception Report</p><p><b>Description</b> The server encountered an unexpected ' +
    'condition that prevented it from fulfilling the request.</p>',
);

/** What the nginx in front shows when the application does not answer. */
export const BAD_GATEWAY_PAGE = page(
  '502 Bad Gateway',
  '<center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center>',
);

export function notFoundPage(what: string): string {
  return page('404 Not Found', `<h1>404 Not Found</h1><p>${escapeHtml(what)}</p>`);
}

export function badRequestPage(zh: string, en: string): string {
  return page('400 Bad Request', `<h1>400 Bad Request</h1><p>${escapeHtml(zh)} / ${escapeHtml(en)}</p>`);
}
