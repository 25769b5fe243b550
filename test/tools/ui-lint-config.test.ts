// The project's own ESLint config turns the renderer's rules on for ui/**/*.tsx: words only
// from the message files, and no gesture handlers (single taps only, R11).
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function ruleIds(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'fatal');
}

describe('eslint.config.js for the renderer', () => {
  it('flags literal words in ui/ JSX', async () => {
    const ids = await ruleIds('export const A = () => <h1>缴费成功</h1>;\n', 'ui/screens/A.tsx');
    expect(ids).toEqual(['kiosk/no-literal-ui-text']);
  });

  it('flags gesture handlers in ui/ JSX', async () => {
    const code = 'export const A = (f: () => void) => <div onDoubleClick={f} onTouchMove={f} />;\n';
    expect(await ruleIds(code, 'ui/screens/A.tsx')).toEqual([
      'no-restricted-syntax',
      'no-restricted-syntax',
    ]);
  });

  it('leaves JSX outside ui/ alone', async () => {
    const code = 'export const A = () => <h1>Developer panel</h1>;\n';
    expect(await ruleIds(code, 'sim/dev-panel/A.tsx')).toEqual([]);
  });
});
