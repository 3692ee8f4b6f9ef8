import type { Env } from './config';

/** Whole numbers and booleans from the environment; a bad value adds one line to `problems` and yields the fallback. */
export function readInt(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.trim());
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name}: expected a whole number from ${min} to ${max}, got "${raw}"`);
    return fallback;
  }
  return value;
}

export function readBool(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['true', '1', 'yes', 'on'].includes(raw)) return true;
  if (['false', '0', 'no', 'off'].includes(raw)) return false;
  problems.push(`${name}: expected true or false, got "${env[name]}"`);
  return fallback;
}
