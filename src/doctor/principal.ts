import type { Principal } from '../auth/types';

/** Who the doctor's checks run as: an admin of nobody, with the connectors' shared keys. */
export function testPrincipalFor(name: string): Principal {
  return {
    user: { id: `deskgate-${name}`, email: `${name}@deskgate.invalid`, name: `deskgate ${name}`, role: 'admin' },
    key: { id: `deskgate-${name}`, name, connectors: undefined, readOnly: true },
  };
}
