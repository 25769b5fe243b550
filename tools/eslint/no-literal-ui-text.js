// ESLint rule: no words written straight into the renderer's JSX. Every word a customer sees
// comes from ui/i18n/messages.ts, so it exists in both languages and the voice can say it.
// Flags JSX text and string children with letters (Latin, CJK, any script), and string values
// of the props people read or hear (aria-label, title, alt, placeholder, …). Digits, spaces
// and punctuation ("0", " · ", "(") pass: they read the same in every language.

const WORDS = /\p{L}/u;

const TEXT_PROPS = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
  'title',
  'alt',
  'placeholder',
]);

/** String literals an expression can evaluate to, through ?:, && and ||. */
function literalsOf(expr) {
  if (!expr) return [];
  switch (expr.type) {
    case 'Literal':
      return typeof expr.value === 'string' ? [{ node: expr, text: expr.value }] : [];
    case 'TemplateLiteral':
      return [{ node: expr, text: expr.quasis.map((q) => q.value.cooked ?? '').join('') }];
    case 'ConditionalExpression':
      return [...literalsOf(expr.consequent), ...literalsOf(expr.alternate)];
    case 'LogicalExpression':
      return [...literalsOf(expr.left), ...literalsOf(expr.right)];
    default:
      return [];
  }
}

const shown = (text) => text.trim().replace(/\s+/g, ' ').slice(0, 40);

/** @type {import('eslint').Rule.RuleModule} */
export const noLiteralUiText = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep user-facing words in ui/i18n/messages.ts, not in JSX' },
    schema: [],
    messages: {
      text: 'Literal text "{{text}}" in JSX: put it in ui/i18n/messages.ts and use t()',
      prop: 'Literal {{prop}} "{{text}}": put it in ui/i18n/messages.ts and use t()',
    },
  },
  create(context) {
    const report = (node, messageId, text, prop) =>
      context.report({ node, messageId, data: { text: shown(text), prop } });
    const isChild = (node) =>
      node.parent && (node.parent.type === 'JSXElement' || node.parent.type === 'JSXFragment');

    return {
      JSXText(node) {
        if (WORDS.test(node.value)) report(node, 'text', node.value);
      },
      JSXExpressionContainer(node) {
        if (!isChild(node)) return;
        for (const lit of literalsOf(node.expression)) {
          if (WORDS.test(lit.text)) report(lit.node, 'text', lit.text);
        }
      },
      JSXAttribute(node) {
        if (node.name.type !== 'JSXIdentifier' || !TEXT_PROPS.has(node.name.name)) return;
        const value = node.value;
        if (!value) return;
        const literals =
          value.type === 'JSXExpressionContainer'
            ? literalsOf(value.expression)
            : literalsOf(value);
        for (const lit of literals) {
          if (WORDS.test(lit.text)) report(lit.node, 'prop', lit.text, node.name.name);
        }
      },
    };
  },
};
