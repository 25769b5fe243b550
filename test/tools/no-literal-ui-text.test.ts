// Words in the renderer come from ui/i18n/messages.ts; these cases prove the rule bites on
// literal text and lets translated text, digits and punctuation through.
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import { noLiteralUiText } from '../../tools/eslint/no-literal-ui-text.js';

RuleTester.describe = describe;
RuleTester.it = it;
const tester = new RuleTester({
  languageOptions: {
    parser: tseslint.parser,
    ecmaVersion: 2022,
    sourceType: 'module',
    parserOptions: { ecmaFeatures: { jsx: true } },
  },
});

const filename = 'ui/screens/X.tsx';
const valid = (code: string) => ({ code, filename });
const invalid = (code: string, ...messageIds: ('text' | 'prop')[]) => ({
  code,
  filename,
  errors: messageIds.map((messageId) => ({ messageId })),
});

tester.run('no-literal-ui-text', noLiteralUiText, {
  valid: [
    valid("const a = <h1>{t('paid')}</h1>;"),
    valid('const a = <button>0</button>;'),
    valid("const a = <h1>{t.kind(k)} · {t('enterAccount')} (1/2)</h1>;"),
    valid("const a = <output aria-label={t('accountEntered')}>{digits || '\\u00a0'}</output>;"),
    valid('const a = <svg role="img" className="qr-code" data-url={url} viewBox="0 0 9 9" />;'),
    valid('const a = <p lang="en" id="more-time-title">{\' — \'}</p>;'),
    valid('const a = <img alt={t(key)} />;'),
  ],
  invalid: [
    invalid('const a = <h1>缴费成功</h1>;', 'text'),
    invalid('const a = <button>Done</button>;', 'text'),
    invalid("const a = <p>{'请稍候'}</p>;", 'text'),
    invalid('const a = <p>{`Please wait`}</p>;', 'text'),
    invalid("const a = <p>{busy ? '请稍候' : t('done')}</p>;", 'text'),
    invalid("const a = <p>{busy && 'Wait'}</p>;", 'text'),
    invalid('const a = <><span>{t(a)}</span>元</>;', 'text'),
    invalid('const a = <svg aria-label="电子凭证" />;', 'prop'),
    invalid("const a = <button title={'Help'} />;", 'prop'),
    invalid('const a = <img alt="QR code" />;', 'prop'),
    invalid("const a = <input placeholder={x ? '户号' : 'Account'} />;", 'prop', 'prop'),
  ],
});
