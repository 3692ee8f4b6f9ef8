import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { DbAdapter } from '../../src/oauth/adapter';
import type { Db } from '../../src/storage/types';
import { exchange, refresh } from '../oauth/flows';
import { makeUser, startOAuthGateway, type OAuthGateway } from '../oauth/support';
import { forEachEngine } from '../support/databases';
import { approvedCodeOverHttp } from './oauth-http';

/**
 * Issue 18, item 12: an authorization code or refresh token is used once,
 * even when two requests (two replicas) redeem it at the same moment. The
 * mark is one conditional UPDATE on both engines: exactly one caller wins.
 */
forEachEngine((engine) => {
  describe('redeeming one code or refresh token concurrently', () => {
    let db: Db;
    beforeEach(async () => {
      db = await engine.open();
    });
    afterEach(() => db.close());

    it('lets exactly one of many simultaneous consumptions win; the rest get invalid_grant', async () => {
      for (const model of ['AuthorizationCode', 'RefreshToken']) {
        const store = new DbAdapter(db, model);
        await store.upsert('same', { grantId: 'g1', accountId: 'k.1' }, 60);
        // Separate adapters, as separate replicas would have.
        const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => new DbAdapter(db, model).consume('same')));
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        const losers = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(losers).toHaveLength(7);
        for (const loser of losers) expect(loser.reason).toMatchObject({ error: 'invalid_grant', status: 400 });
        // oidc-provider sees the code as used from then on.
        expect((await store.find('same'))?.consumed).toEqual(expect.any(Number));
        await expect(store.consume('same')).rejects.toMatchObject({ error: 'invalid_grant' });
      }
    });
  });
});

/** The same through the token endpoint, on each engine: of several simultaneous redemptions, one gets tokens. */
for (const engineName of ['sqlite', 'postgres'] as const) {
  const skip = engineName === 'postgres' && !process.env.DESKGATE_TEST_POSTGRES_URL;
  describe.skipIf(skip)(`the token endpoint on ${engineName}${skip ? ' (skipped: set DESKGATE_TEST_POSTGRES_URL)' : ''}`, () => {
    let gw: OAuthGateway;
    let key: string;
    beforeAll(async () => {
      gw = await startOAuthGateway({ engine: engineName });
      key = (await makeUser(gw, 'sam@example.com', 'staff')).secret;
    });
    afterAll(async () => {
      await gw?.close();
    });

    it('answers one of five simultaneous redemptions of a code with tokens and the others with invalid_grant', async () => {
      const a = await approvedCodeOverHttp(gw, key);
      const answers = await Promise.all(Array.from({ length: 5 }, () => exchange(gw, { clientId: a.clientId, code: a.code, verifier: a.verifier, redirectUri: a.redirectUri })));
      const winners = answers.filter((r) => r.status === 200);
      expect(winners).toHaveLength(1);
      expect(winners[0]!.body.access_token).toEqual(expect.any(String));
      for (const loser of answers.filter((r) => r.status !== 200)) {
        expect(loser.status).toBe(400);
        expect(loser.body.error).toBe('invalid_grant');
        expect(loser.body.access_token).toBeUndefined();
      }
    });

    it('rotates a refresh token for one of five simultaneous uses only', async () => {
      const a = await approvedCodeOverHttp(gw, key);
      const tokens = (await exchange(gw, { clientId: a.clientId, code: a.code, verifier: a.verifier, redirectUri: a.redirectUri })).body;
      const answers = await Promise.all(Array.from({ length: 5 }, () => refresh(gw, { clientId: a.clientId, refreshToken: tokens.refresh_token! })));
      const rotated = answers.filter((r) => r.status === 200);
      expect(rotated).toHaveLength(1);
      expect(answers.filter((r) => r.status !== 200).every((r) => r.body.error === 'invalid_grant')).toBe(true);
    });
  });
}
