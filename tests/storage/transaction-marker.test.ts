import { describe, expect, it } from 'vitest';
import { TransactionMarker } from '../../src/storage/internal';

/** The marker behind "outer Db used inside a transaction" errors, enabled only while a transaction is open. */
describe('TransactionMarker', () => {
  it('is inside only within the callback of an open transaction', async () => {
    const marker = new TransactionMarker();
    expect(marker.inside()).toBe(false);
    const state = { open: true };
    const seen = await marker.run(state, async () => {
      await Promise.resolve();
      return marker.inside();
    });
    expect(seen).toBe(true);
    expect(marker.inside()).toBe(false);
  });

  it('keeps marking a transaction that is still open when another one ends (PostgreSQL runs several at once)', async () => {
    const marker = new TransactionMarker();
    let finishLong!: () => void;
    const longDone = new Promise<void>((resolve) => (finishLong = resolve));
    const long = marker.run({ open: true }, async () => {
      await longDone;
      return marker.inside();
    });
    await marker.run({ open: true }, async () => undefined);
    // Outside both: the caller's own context was never marked.
    expect(marker.inside()).toBe(false);
    finishLong();
    expect(await long).toBe(true);
  });

  it('marks again after every transaction had ended and the storage was switched off', async () => {
    const marker = new TransactionMarker();
    await marker.run({ open: true }, async () => undefined);
    expect(await marker.run({ open: true }, async () => marker.inside())).toBe(true);
  });

  it('does not mark a closed transaction (a callback that outlives it)', async () => {
    const marker = new TransactionMarker();
    const state = { open: true };
    expect(await marker.run(state, async () => ((state.open = false), marker.inside()))).toBe(false);
  });
});
