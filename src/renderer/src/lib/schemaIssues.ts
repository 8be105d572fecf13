import type { ZodType } from 'zod';

/**
 * The shared schema's problems with a form's values, one message per top-level field (the
 * schema's own wording, the same the core and server answer with). Empty when valid.
 */
export function schemaIssues(schema: ZodType, value: unknown): Record<string, string> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return {};
  const result: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? '');
    result[key] ??= issue.message;
  }
  return result;
}
