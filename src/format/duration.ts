import { z } from 'zod';

/**
 * Durations as every connector reports them: whole seconds for arithmetic
 * and a short form a person (and a model) reads.
 */
export const durationOut = z.object({ seconds: z.number().int(), readable: z.string() });
export type Duration = z.infer<typeof durationOut>;

/** `8130` → `"2h 15m"`; spans under a minute keep their seconds so a short session does not read as zero. */
export function readableDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  if (seconds < 60) return `${seconds}s`;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (hours === 0) return `${minutes}m`;
  return minutes === 0 ? `${hours}h` : `${hours}h ${minutes}m`;
}

export function toDuration(seconds: number): Duration {
  const whole = Math.max(0, Math.round(seconds));
  return { seconds: whole, readable: readableDuration(whole) };
}
