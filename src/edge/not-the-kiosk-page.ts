// What a browser sees that has no pass: a plain page (no script), in both languages, instead of
// a kiosk it could not drive. A window the kiosk replaced by a new launch lands here too.
export const NOT_THE_KIOSK_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>社区缴费服务</title>
<style>body{font:28px/1.5 sans-serif;margin:10vh 8vw;color:#111;background:#fff}h1{font-size:40px}</style>
</head><body>
<h1>此窗口不是本机的缴费屏幕</h1>
<p>缴费屏幕只能由本机自己打开。请联系工作人员。</p>
<h1 lang="en">This window is not the kiosk's screen</h1>
<p lang="en">The kiosk's screen opens only from the kiosk itself. Please ask staff.</p>
</body></html>
`;

/** No script at all; the one inline style block is the page's only resource. */
export const NOT_THE_KIOSK_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
