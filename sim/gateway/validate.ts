// Request-body validation: JSON parse + zod schema, reduced to the one message the contract's
// 400 answer carries: "<field path>: <reason>" for the first bad field.
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** In a union, the branch the sender most likely meant: fewest issues, then the deepest one. */
function likeliestBranch(branches: Issue[][]): Issue[] {
  const depth = (issues: Issue[]) => Math.max(0, ...issues.map((i) => i.path.length));
  return [...branches].sort((a, b) => a.length - b.length || depth(b) - depth(a))[0] ?? [];
}

function describe(issue: Issue, prefix: PropertyKey[]): string {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const inner = likeliestBranch(issue.errors)[0];
    if (inner) return describe(inner, path);
  }
  if (issue.code === 'unrecognized_keys') {
    return `${[...path, issue.keys[0] ?? ''].map(String).join('.')}: unrecognized field`;
  }
  return `${path.map(String).join('.') || 'body'}: ${issue.message}`;
}

export function parseBody<S extends z.ZodType>(schema: S, raw: Buffer): Parsed<z.output<S>> {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch (err) {
    return { ok: false, message: `body: malformed JSON (${(err as Error).message})` };
  }
  return check(schema, json);
}

/** A parsed value checked against a schema, with the same one-line message. */
export function check<S extends z.ZodType>(schema: S, json: unknown): Parsed<z.output<S>> {
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  const first = result.error.issues[0];
  return { ok: false, message: first ? describe(first, []) : 'body: invalid' };
}
