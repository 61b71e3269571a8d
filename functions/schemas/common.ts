import * as z from './zod.ts';
import { STATUS_OF_CODE, type ErrorCode } from '../domain/errors.ts';

/** NHS numbers: 10 digits whose last is the Modulus 11 check digit of the first nine. */
export function isValidNhsNumber(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const sum = digits.slice(0, 9).reduce((acc, d, i) => acc + d * (10 - i), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === digits[9];
}

export const NhsNumber = z
  .string()
  .check(z.refine(isValidNhsNumber, 'must be a 10-digit NHS number with a valid check digit'))
  .register(z.globalRegistry, { description: '10-digit NHS number (Modulus 11 check digit)', example: '9990000018' });

export const OdsCode = z.string().check(z.regex(/^[A-Z0-9]{3,8}$/, 'must be an ODS code such as A99001 or FA123'));

/** Any RFC 3339 timestamp with an offset (Z or ±hh:mm). */
export const Instant = z.iso
  .datetime({ offset: true })
  .register(z.globalRegistry, { description: 'RFC 3339 timestamp' });

/** A calendar date in the practice's time zone. */
export const LocalDate = z.iso
  .date()
  .register(z.globalRegistry, { description: 'YYYY-MM-DD in the practice time zone' });

export const Month = z
  .string()
  .check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM'))
  .register(z.globalRegistry, { description: 'YYYY-MM in the practice time zone' });

export const Id = z.string().check(z.minLength(1), z.maxLength(100));

/** `?limit=` (from the query string, so coerced) and `?nextToken=`; list queries spread its shape. */
export const ListQuery = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 50),
  nextToken: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
});

export function listOf<T extends z.ZodMiniType>(item: T) {
  return z.object({ items: z.array(item), nextToken: z.optional(z.string()) });
}

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().check(z.int()),
    detail: z.string(),
    code: z.enum(Object.keys(STATUS_OF_CODE) as [ErrorCode, ...ErrorCode[]]),
    errors: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  })
  .register(z.globalRegistry, { id: 'Problem', description: 'RFC 9457 problem details' });
