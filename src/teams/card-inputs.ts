import { z } from 'zod';

/** Teams sends an input left empty as '' (or not at all): both mean "not given". */
export function blankToUndefined(value: unknown): unknown {
  if (value === null) return undefined;
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** An optional card input: blank, missing and null all read as "not given". */
export const optionalInput = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess(blankToUndefined, schema.optional());
