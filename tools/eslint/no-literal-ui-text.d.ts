import type { Rule } from 'eslint';
export const noLiteralUiText: Rule.RuleModule;
