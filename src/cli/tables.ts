import { envPrefix, type EnabledConnector } from '../config/config';
import type { SurfaceBudget } from '../registry/budget';
import { accessOf, type ConnectorManifest } from '../registry/types';

/** Plain aligned text table for terminals. */
export function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Every tool of every connector, in registry order: name, access level, connector/toolset. */
export function toolTableRows(catalog: ConnectorManifest<unknown, unknown>[]): string[][] {
  return catalog.flatMap((m) => m.tools.map((t) => [t.name, accessOf(t.annotations), `${m.id}/${t.toolset}`]));
}

/** The README's tool table (between the tool-table markers), generated from the registry. */
export function toolTableMarkdown(catalog: ConnectorManifest<unknown, unknown>[]): string {
  const rows = catalog.flatMap((m) => m.tools.map((t) => `| \`${t.name}\` | ${t.title} | ${accessOf(t.annotations)} | ${m.id}/${t.toolset} |`));
  return ['| Tool | What it does | Access | Connector/toolset |', '|---|---|---|---|', ...rows].join('\n');
}

/** One line per enabled connector: which toolsets are on, why, and how to widen. */
export function toolsetLines(connectors: EnabledConnector[]): string[] {
  return connectors.map(({ manifest, common, toolsetsFrom }) => {
    const all = manifest.toolsets.map((t) => t.id);
    const on = common.toolsets ?? all;
    const off = all.filter((t) => !on.includes(t));
    const why = toolsetsFrom === 'default' ? 'default' : toolsetsFrom === 'list' ? `${envPrefix(manifest.id)}_TOOLSETS` : 'all';
    const widen = off.length ? `; off: ${off.join(', ')} (${envPrefix(manifest.id)}_TOOLSETS=all or a list adds them)` : '';
    return `${manifest.id} toolsets on (${why}): ${on.join(', ')}${widen}`;
  });
}

/** `deskgate tools --budget`: per connector and toolset, the enabled size and the size with everything on. */
export function budgetTable(budget: SurfaceBudget): string {
  const rows = budget.rows.map((r) => [
    r.connector,
    r.toolset,
    r.isDefault ? 'yes' : 'no',
    r.current.tools ? String(r.current.tools) : '-',
    r.current.tools ? String(r.current.tokens) : '-',
    String(r.all.tools),
    String(r.all.tokens),
  ]);
  rows.push(['(server instructions)', '', '', '', String(budget.current.instructionsTokens), '', String(budget.all.instructionsTokens)]);
  rows.push(['total', '', '', String(budget.current.total.tools), String(budget.current.total.tokens), String(budget.all.total.tools), String(budget.all.total.tokens)]);
  return [
    'Model-visible size of tools/list: name, title, description and input schema of each tool, plus the server',
    'instructions, in js-tiktoken o200k_base tokens (output schemas are not shown to the model). "now" is this',
    'configuration for a key that may use every enabled tool; "all" is every connector with <ID>_TOOLSETS=all.',
    '',
    renderTable(['connector', 'toolset', 'default', 'now tools', 'now tokens', 'all tools', 'all tokens'], rows),
  ].join('\n');
}

/** The README's catalogue-size summary (between the budget markers): this configuration's default surface and everything. */
export function budgetMarkdown(budget: SurfaceBudget): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return [
    '| | tools | model-visible tokens |',
    '|---|---|---|',
    `| default toolsets (every connector configured) | ${budget.current.total.tools} | ${n(budget.current.total.tokens)} |`,
    `| everything (\`<ID>_TOOLSETS=all\`) | ${budget.all.total.tools} | ${n(budget.all.total.tokens)} |`,
  ].join('\n');
}
