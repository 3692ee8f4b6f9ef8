import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors';
import { withCurrentArgNames } from '../../src/mcp/execute';

/** A renamed argument (ToolDefinition.formerArgs) keeps working for clients that cached the old tools/list. */
describe('former argument names', () => {
  const former = { user_ids: 'users' };

  it('reads the old name as the new one, joins lists given under both, and leaves other calls alone', () => {
    expect(withCurrentArgNames(former, { user_ids: ['a'], start: 'today' }, 'x', 'x_tool')).toEqual({ users: ['a'], start: 'today' });
    expect(withCurrentArgNames(former, { user_ids: ['a'], users: ['b'] }, 'x', 'x_tool')).toEqual({ users: ['b', 'a'] });
    const plain = { users: ['b'] };
    expect(withCurrentArgNames(former, plain, 'x', 'x_tool')).toBe(plain);
    expect(withCurrentArgNames(undefined, { user_ids: ['a'] }, 'x', 'x_tool')).toEqual({ user_ids: ['a'] });
  });

  it('refuses a non-list value under both names, naming the current one', () => {
    let thrown: unknown;
    try {
      withCurrentArgNames({ user_id: 'user' }, { user_id: 'a', user: 'b' }, 'x', 'x_tool');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GatewayError);
    expect((thrown as GatewayError).toPayload('x')).toMatchObject({ code: 'invalid_argument', fields: [{ field: 'user_id' }], hint: expect.stringContaining('user') });
  });
});
