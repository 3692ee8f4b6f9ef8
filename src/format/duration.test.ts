import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors';
import { parseDuration, parseIsoDuration, readableDuration, toDuration } from './duration';

describe('durations people type', () => {
  it('reads 1h30m, 90m, 1.5h, 1:30, PT1H30M and minutes all as 90 minutes', () => {
    for (const input of ['1h30m', '1h 30m', '1 h 30 min', '1 hour and 30 minutes', '90m', '90 min', '1.5h', '1,5h', '1.5 hours', '1:30', 'PT1H30M', 'pt1h30m', 90, '90']) {
      expect(parseDuration(input), String(input)).toBe(5400);
    }
    expect(parseDuration('45m')).toBe(2700);
    expect(parseDuration('2h')).toBe(7200);
    expect(parseDuration('90s')).toBe(90);
    expect(parseDuration('PT45S')).toBe(45);
  });

  it('refuses zero, negative, nonsense and more than the limit, naming the field', () => {
    for (const bad of ['0', 0, -5, 'soon', 'PT', '1:75', '200h', '1x', 'h']) {
      let error: unknown;
      try {
        parseDuration(bad, { field: 'estimate', connector: 'clockify' });
      } catch (e) {
        error = e;
      }
      expect(error, String(bad)).toBeInstanceOf(GatewayError);
      expect((error as GatewayError).fields?.[0]?.field).toBe('estimate');
    }
  });

  it('reads ISO durations and prints one readable form', () => {
    expect(parseIsoDuration('PT1H15M')).toBe(4500);
    expect(parseIsoDuration('P1DT2H')).toBe(93600);
    expect(parseIsoDuration('PT0S')).toBe(0);
    expect(parseIsoDuration('nope')).toBeUndefined();
    expect(readableDuration(5400)).toBe('1h 30m');
    expect(readableDuration(45)).toBe('45s');
    expect(toDuration(8130)).toEqual({ seconds: 8130, readable: '2h 15m' });
  });
});
