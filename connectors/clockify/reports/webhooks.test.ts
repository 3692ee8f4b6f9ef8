import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../src/errors';
import { requireHttps, toWebhookOut } from './webhooks';

describe('webhook rules', () => {
  it('accepts only absolute https addresses', () => {
    expect(requireHttps('https://hooks.example.com/x?y=1')).toBe('https://hooks.example.com/x?y=1');
    for (const bad of ['http://hooks.example.com', 'hooks.example.com/x', 'ftp://x.example.com', 'https//x', 'javascript:alert(1)']) {
      expect(() => requireHttps(bad), bad).toThrow(GatewayError);
    }
  });

  it('never carries the token into what the model reads, and reads a disabled plan as disabled', () => {
    const out = toWebhookOut({ id: 'w1', authToken: 'secret', enabled: true, planEnabled: false, triggerSource: null });
    expect(JSON.stringify(out)).not.toContain('secret');
    expect(out).toMatchObject({ enabled: false, triggers: [] });
  });

});
