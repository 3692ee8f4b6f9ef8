import { parseArgs } from 'node:util';
import { generateSecretKey } from '../credentials/crypto';
import type { GatewayCore } from '../gateway';
import { renderTable } from './tables';

export class CliUsageError extends Error {}

/**
 * The secret is never an argument (it would land in shell history and the
 * process list): it is read from stdin when piped, or typed at a prompt
 * that does not echo it.
 */
async function readSecret(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(Buffer.from(chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8').trim();
  }
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  let value = '';
  try {
    for await (const chunk of stdin) {
      for (const char of String(chunk)) {
        if (char === '\r' || char === '\n') return value.trim();
        if (char === '\u0003') throw new CliUsageError('cancelled');
        if (char === '\u007f') value = value.slice(0, -1);
        else value += char;
      }
    }
    return value.trim();
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    process.stderr.write('\n');
  }
}

async function userByEmail(core: GatewayCore, email: string | undefined) {
  if (!email) throw new CliUsageError('--email: expected the deskgate user the key belongs to');
  const user = await core.auth.findUserByEmail(email);
  if (!user) throw new CliUsageError(`No deskgate user ${email} (see \`deskgate keys list\`).`);
  return user;
}

function vendorConnector(core: GatewayCore, id: string | undefined) {
  const enabled = core.config.connectors.filter((c) => c.manifest.defaultBaseUrl !== undefined);
  const found = enabled.find((c) => c.manifest.id === id);
  if (!found) {
    const names = enabled.map((c) => c.manifest.id);
    throw new CliUsageError(`credentials: give an enabled vendor connector (${names.join(', ') || 'none enabled'}), got "${id ?? ''}"`);
  }
  return found;
}

/** `deskgate credentials set|list|remove|test`: personal vendor keys, managed by an operator. */
export async function credentialsCommand(
  argv: string[],
  withCore: <T>(fn: (core: GatewayCore) => Promise<T>) => Promise<T>,
  print: (line?: string) => void,
) {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseArgs({ args: rest, options: { email: { type: 'string' } }, allowPositionals: true, strict: true });
  if (sub === 'list') {
    await withCore(async (core) => {
      const user = values.email ? await userByEmail(core, values.email) : undefined;
      const users = new Map((await core.auth.listUsers()).map((u) => [u.id, u.email]));
      const rows = (await core.credentials.list(user?.id)).map((c) => [
        users.get(c.userId) ?? c.userId,
        c.connector,
        `…${c.last4}`,
        c.createdAt,
        c.lastUsedAt ?? '-',
      ]);
      print(renderTable(['user', 'connector', 'key', 'created', 'last used'], rows));
    });
    return;
  }
  if (sub === 'set' || sub === 'remove' || sub === 'test') {
    const connectorId = positionals[0];
    await withCore(async (core) => {
      const { manifest } = vendorConnector(core, connectorId);
      const user = await userByEmail(core, values.email);
      if (sub === 'set') {
        if (!core.credentials.canStore()) {
          throw new CliUsageError('DESKGATE_SECRET_KEY is not set, so personal keys cannot be stored. Run `deskgate secret generate` and set it.');
        }
        const secret = await readSecret(`${manifest.title} API key for ${user.email} (not shown): `);
        if (!secret) throw new CliUsageError('No key given on stdin or at the prompt.');
        const saved = await core.credentials.set(user.id, manifest.id, secret);
        core.audit.record({ kind: 'credential', action: 'cli credentials set', outcome: 'ok', connector: manifest.id, targets: { user_id: user.id } });
        print(`Linked a ${manifest.title} key ending …${saved.last4} for ${user.email}; their calls use it from now on (every worker within 1 s).`);
        return;
      }
      if (sub === 'remove') {
        const removed = await core.credentials.remove(user.id, manifest.id);
        core.audit.record({ kind: 'credential', action: 'cli credentials remove', outcome: removed ? 'ok' : 'not_found', connector: manifest.id, targets: { user_id: user.id } });
        if (removed) print(`Removed ${user.email}'s ${manifest.title} key.`);
        else throw new CliUsageError(`${user.email} has no ${manifest.title} key linked.`);
        return;
      }
      const credential = await core.credentials.lookup(user.id, manifest.id);
      if (!credential) throw new CliUsageError(`${user.email} has no ${manifest.title} key linked.`);
      const result = await manifest.healthCheck(core.runtimes.get(manifest.id), { credential });
      print(renderTable(['check', 'status', 'detail'], [[`${manifest.id} key of ${user.email}`, result.ok ? 'ok' : 'FAIL', result.detail]]));
      if (!result.ok) process.exitCode = 1;
    });
    return;
  }
  throw new CliUsageError('credentials: expected set <connector> --email E, list [--email E], remove <connector> --email E, or test <connector> --email E');
}

/** `deskgate secret generate`: a fresh DESKGATE_SECRET_KEY. */
export function secretCommand(argv: string[], print: (line?: string) => void) {
  if (argv[0] !== 'generate') throw new CliUsageError('secret: expected `secret generate`');
  print(generateSecretKey());
}
