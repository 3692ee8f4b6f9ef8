import { z } from 'zod';
import { invalidArgument } from '../errors';

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

/** What a duration argument accepts, for descriptions and errors. */
export const DURATION_HELP = '"1h30m", "90m", "1.5h", "1:30" (h:mm), "PT1H30M" or a number of minutes (90)';

/** ISO 8601 duration (`PT1H30M`, `P1DT2H`, `PT0.5S`) in whole seconds; undefined when it is not one. */
export function parseIsoDuration(text: string): number | undefined {
  const t = text.trim();
  const m = /^p(?:(\d+)d)?(?:t(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?)?$/i.exec(t);
  if (!m || t.length <= 1 || /t$/i.test(t)) return undefined;
  return Math.round(Number(m[1] ?? 0) * 86400 + Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0));
}

const UNIT = /(\d+(?:[.,]\d+)?)\s*(h|hrs?|hours?|m|mins?|minutes?|s|secs?|seconds?)(?![a-z])/gy;

/** `1h30m`, `1 h 30 min`, `1.5h`, `2 hours 15 minutes`, `90s`; undefined when it is not that shape. */
function unitDuration(text: string): number | undefined {
  const compact = text.replace(/\s*,\s+|\s+and\s+/g, ' ').trim();
  let total = 0;
  let index = 0;
  let matched = false;
  UNIT.lastIndex = 0;
  while (index < compact.length) {
    while (compact[index] === ' ') index++;
    if (index >= compact.length) break;
    UNIT.lastIndex = index;
    const m = UNIT.exec(compact);
    if (!m) return undefined;
    const value = Number(m[1]!.replace(',', '.'));
    const unit = m[2]![0];
    total += value * (unit === 'h' ? 3600 : unit === 'm' ? 60 : 1);
    matched = true;
    index = UNIT.lastIndex;
  }
  return matched ? total : undefined;
}

export interface DurationOptions {
  field?: string;
  connector?: string;
  /** Longest accepted, in seconds (default 7 days). */
  maxSeconds?: number;
}

/**
 * A duration a user gave, in whole seconds: "1h30m", "1h 30m", "90m",
 * "1.5h", "2 hours", "45 min", "90s", "1:30" (hours:minutes), ISO
 * "PT1H30M", or a number (minutes; a digits-only string is minutes too).
 * Zero, negative or longer than `maxSeconds`: invalid_argument naming the field.
 */
export function parseDuration(input: string | number, options: DurationOptions = {}): number {
  const field = options.field ?? 'duration';
  const max = options.maxSeconds ?? 7 * 24 * 3600;
  let seconds: number | undefined;
  if (typeof input === 'number') seconds = input * 60;
  else {
    const text = input.trim().toLowerCase();
    if (/^\d+([.,]\d+)?$/.test(text)) seconds = Number(text.replace(',', '.')) * 60;
    else if (/^p/.test(text)) seconds = parseIsoDuration(text);
    else if (/^\d{1,3}:\d{2}(:\d{2})?$/.test(text)) {
      const [h, m, s = 0] = text.split(':').map(Number) as [number, number, number?];
      seconds = m < 60 && s < 60 ? h * 3600 + m * 60 + s : undefined;
    } else seconds = unitDuration(text);
  }
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0 || seconds > max) {
    const tooLong = seconds !== undefined && Number.isFinite(seconds) && seconds > max;
    throw invalidArgument(tooLong ? `${field} is longer than ${readableDuration(max)}.` : `"${String(input).slice(0, 40)}" is not a duration.`, {
      connector: options.connector,
      fields: [{ field, problem: tooLong ? `at most ${readableDuration(max)}` : `expected ${DURATION_HELP}` }],
      hint: `Pass ${field} as ${DURATION_HELP}.`,
    });
  }
  return Math.round(seconds);
}
