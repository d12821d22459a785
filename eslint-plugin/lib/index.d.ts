import type { ESLint, Linter, Rule } from 'eslint';

declare const plugin: ESLint.Plugin & {
  meta: { name: string; version: string; namespace: 'phoenix' };
  rules: Record<'no-local-uploads' | 'no-local-sessions' | 'no-global-state', Rule.RuleModule>;
  configs: { recommended: Linter.Config };
};

export = plugin;
