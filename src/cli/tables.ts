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
