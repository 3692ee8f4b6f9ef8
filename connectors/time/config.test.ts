import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config';
import { connectorCatalog } from '../../src/registry/catalog';
import { mappedProject, parseProjectRules } from './config';

const enabled = (env: Record<string, string>) => loadConfig(env, connectorCatalog).connectors.map((c) => c.manifest.id);

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, connectorCatalog);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('the time toolset is on when two systems are', () => {
  it('the help desk alone: off; the help desk and one vendor: on, after the systems it spans', () => {
    expect(enabled({})).not.toContain('time');
    expect(enabled({ CLOCKIFY_API_KEY: 'k' })).toEqual(['deskgate', 'helpdesk', 'clockify', 'time']);
  });

  it('an explicit DESKGATE_CONNECTORS decides; listing time with one system is a start-up problem naming it', () => {
    expect(enabled({ DESKGATE_CONNECTORS: 'helpdesk,clockify', CLOCKIFY_API_KEY: 'k' })).not.toContain('time');
    expect(enabled({ DESKGATE_CONNECTORS: 'helpdesk,clockify,time', CLOCKIFY_API_KEY: 'k' })).toContain('time');
    expect(problemsOf({ DESKGATE_CONNECTORS: 'clockify,time', CLOCKIFY_API_KEY: 'k' })).toEqual([
      'DESKGATE_CONNECTORS: "time" needs at least 2 of helpdesk, clockify, desktime, onedesk enabled beside it; listed: clockify',
    ]);
  });
});

describe('DESKGATE_TIME_PROJECTS', () => {
  it('parses rules by system, and a bad rule stops the start naming the variable and the rule', () => {
    const { rules, problems } = parseProjectRules(' helpdesk:Hardware=Support ; onedesk: Website = Acme website;helpdesk:*=General ');
    expect(problems).toEqual([]);
    expect(rules.map((r) => [r.system, r.match, r.project])).toEqual([
      ['helpdesk', 'hardware', 'Support'],
      ['onedesk', 'website', 'Acme website'],
      ['helpdesk', '*', 'General'],
    ]);
    expect(problemsOf({ DESKGATE_TIME_PROJECTS: 'jira:X=Y; helpdesk Hardware', CLOCKIFY_API_KEY: 'k' })).toEqual([
      'DESKGATE_TIME_PROJECTS: "jira:X=Y": the system must be helpdesk or onedesk, not "jira" (needed because connector "time" is enabled)',
      'DESKGATE_TIME_PROJECTS: "helpdesk Hardware" is not <system>:<name>=<Clockify project> (e.g. helpdesk:Hardware=Support; onedesk:Website=Acme website; helpdesk:*=General support) (needed because connector "time" is enabled)',
    ]);
    expect(problemsOf({ DESKGATE_TIME_ONEDESK_TARGET: 'jira', CLOCKIFY_API_KEY: 'k' })[0]).toMatch(/^DESKGATE_TIME_ONEDESK_TARGET: expected clockify or onedesk/);
  });

  it('the most specific help desk path wins, then the system\'s *, else nothing decides', () => {
    const { rules } = parseProjectRules('helpdesk:Hardware=Support; helpdesk:hardware >  laptop=Laptops; onedesk:*=OD');
    expect(mappedProject(rules, 'helpdesk', 'Hardware > Laptop > Battery')?.project).toBe('Laptops');
    expect(mappedProject(rules, 'helpdesk', 'Hardware > Printer')?.project).toBe('Support');
    expect(mappedProject(rules, 'helpdesk', 'Hardwarez')).toBeUndefined();
    expect(mappedProject(rules, 'onedesk', 'Website')?.project).toBe('OD');
  });
});
