import type { z } from 'zod';
import type { ModuleContext } from './types.js';

/** Small readers of a module's `data`, each failing with a 400 naming the field. */
export function optionalString(context: ModuleContext, field: string): string | undefined {
  const value = context.data[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') context.invalid(field, 'must be a string');
  return value;
}

export function requiredString(context: ModuleContext, field: string): string {
  const value = optionalString(context, field);
  if (value === undefined) context.invalid(field, 'is required');
  return value;
}

export function optionalNumber(context: ModuleContext, field: string, min: number, max: number): number | undefined {
  const raw = context.data[field];
  if (raw === undefined || raw === null || raw === '') return undefined;
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) context.invalid(field, `must be a number from ${min} to ${max}`);
  return value;
}

export function objectField(context: ModuleContext, field: string): Record<string, unknown> {
  const value = context.data[field];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) context.invalid(field, 'must be an object');
  return value as Record<string, unknown>;
}

/**
 * The node's data read through its catalog schema (`callflowModuleCatalog[module].data`):
 * the first problem is a 400 naming its field.
 */
export function catalogData<S extends z.ZodType>(context: ModuleContext, schema: S): z.output<S> {
  const parsed = schema.safeParse(context.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    context.invalid(issue.path.map(String).join('.'), issue.message);
  }
  return parsed.data;
}
