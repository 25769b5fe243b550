// The static page the shell shows when the renderer keeps failing: no script, nothing to tap,
// only where to get help, in both languages. It is served by the app:// handler itself, so it
// does not depend on the built renderer being intact.
import { APP_ORIGIN } from './trusted-url';

export const OUT_OF_SERVICE_PATH = '/out-of-service.html';
const STYLESHEET_PATH = '/out-of-service.css';
export const OUT_OF_SERVICE_URL = `${APP_ORIGIN}${OUT_OF_SERVICE_PATH}`;

const HTML = `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>暂停服务 Out of service</title>
    <link rel="stylesheet" href="${STYLESHEET_PATH}" />
  </head>
  <body>
    <main>
      <h1>暂停服务</h1>
      <p>请联系工作人员</p>
      <h2 lang="en">Out of service</h2>
      <p lang="en">Please ask staff for help</p>
    </main>
  </body>
</html>
`;

// Large type and black on white (7:1 and more), as the age-friendly rules ask of every screen.
const CSS = `html, body { margin: 0; height: 100%; background: #ffffff; color: #000000; }
body { display: flex; align-items: center; justify-content: center; text-align: center;
  font-family: 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif; line-height: 1.5; }
h1 { font-size: 96px; margin: 0 0 24px; }
h2 { font-size: 64px; margin: 64px 0 16px; }
p { font-size: 48px; margin: 0; }
`;

/** The page's files by path, or null when the path is not one of them. */
export function outOfServiceFile(pathname: string): { type: string; body: string } | null {
  if (pathname === OUT_OF_SERVICE_PATH) return { type: 'text/html; charset=utf-8', body: HTML };
  if (pathname === STYLESHEET_PATH) return { type: 'text/css; charset=utf-8', body: CSS };
  return null;
}
