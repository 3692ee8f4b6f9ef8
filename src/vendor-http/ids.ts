import { z } from 'zod';

/**
 * Zod builders for vendor id arguments, shared by every connector: each id
 * has its vendor's syntax and so a length cap, so a path-shaped, query-shaped
 * or 100 KB "id" is invalid_argument naming the field, before the tool runs
 * (the vendor client's path builder, path.ts, is the second line).
 *
 * Syntax checks are refinements, not JSON Schema `pattern`s, so the schemas
 * the model reads stay short (every token of the default surface counts).
 */

const HEX = /^[0-9a-fA-F]+$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** A hex id of exactly `length` characters (Clockify: 24), surrounding spaces ignored. */
export const hexIdArg = (length: number, message: string) =>
  z
    .string()
    .trim()
    .refine((v) => v.length === length && HEX.test(v), message);

/** A UUID (8-4-4-4-12 hex), surrounding spaces ignored. */
export const uuidArg = (message: string) =>
  z
    .string()
    .trim()
    .refine((v) => UUID.test(v), message);

/** A positive whole-number id no larger than `max` (DeskTime, OneDesk). */
export const numericIdArg = (max = 999_999_999_999) => z.number().int().min(1).max(max);

export const isUuid = (value: string) => UUID.test(value);
