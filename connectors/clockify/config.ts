import { z } from 'zod';

export const CLOCKIFY_DEFAULT_BASE_URL = 'https://api.clockify.me/api/v1';
export const CLOCKIFY_DEFAULT_REPORTS_BASE_URL = 'https://reports.api.clockify.me/v1';
export const CLOCKIFY_REGIONS = ['euc1', 'use2', 'euw2', 'apse2'] as const;
export type ClockifyRegion = (typeof CLOCKIFY_REGIONS)[number];
export const CLOCKIFY_ACT_AS = ['caller', 'caller_email', 'key_owner'] as const;
export type ClockifyActAs = (typeof CLOCKIFY_ACT_AS)[number];

export interface ClockifyConfig {
  apiKey: string | undefined;
  /** Set when CLOCKIFY_BASE_URL is given explicitly (it then wins over the region). */
  explicitBaseUrl: string | undefined;
  reportsBaseUrl: string | undefined;
  region: ClockifyRegion | undefined;
  workspaceId: string | undefined;
  /**
   * Who "me" is with the shared key: `caller` (default) the workspace member
   * with the caller's email, else the key's owner, saying so; `caller_email`
   * the same, but a caller who is no member is refused; `key_owner` always the
   * key's owner (the behaviour before identities).
   */
  actAs: ClockifyActAs;
  maxRps: number;
}

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalText = z.preprocess(blank, z.string().trim().optional());

/**
 * The key is optional here: with `CLOCKIFY_CREDENTIALS=personal` every caller
 * links their own key; the pool answers `unauthenticated` with the linking
 * hint when neither exists.
 */
export const clockifyConfigSchema = z
  .looseObject({
    CLOCKIFY_API_KEY: optionalText,
    CLOCKIFY_BASE_URL: optionalText,
    CLOCKIFY_REPORTS_BASE_URL: z.preprocess(blank, z.url({ error: 'CLOCKIFY_REPORTS_BASE_URL must be an http(s) URL' }).optional()),
    CLOCKIFY_REGION: z.preprocess(
      (v) => (typeof blank(v) === 'string' ? (v as string).trim().toLowerCase() : undefined),
      z.enum(CLOCKIFY_REGIONS, { error: `CLOCKIFY_REGION must be one of ${CLOCKIFY_REGIONS.join(', ')}` }).optional(),
    ),
    CLOCKIFY_WORKSPACE_ID: z.preprocess(
      blank,
      z.string().trim().regex(/^[0-9a-f]{24}$/i, 'CLOCKIFY_WORKSPACE_ID must be a 24-character Clockify id (Workspace settings URL)').optional(),
    ),
    CLOCKIFY_ACT_AS: z.preprocess(
      (v) => (typeof blank(v) === 'string' ? (v as string).trim().toLowerCase() : undefined),
      z.enum(CLOCKIFY_ACT_AS, { error: 'CLOCKIFY_ACT_AS must be caller, caller_email or key_owner' }).default('caller'),
    ),
    CLOCKIFY_MAX_RPS: z.preprocess(blank, z.coerce.number().int().min(1).max(50).default(10)),
  })
  .transform(
    (env): ClockifyConfig => ({
      apiKey: env.CLOCKIFY_API_KEY,
      explicitBaseUrl: env.CLOCKIFY_BASE_URL,
      reportsBaseUrl: env.CLOCKIFY_REPORTS_BASE_URL,
      region: env.CLOCKIFY_REGION,
      workspaceId: env.CLOCKIFY_WORKSPACE_ID,
      actAs: env.CLOCKIFY_ACT_AS,
      maxRps: env.CLOCKIFY_MAX_RPS,
    }),
  );

/** Main and reports hosts: explicit URLs win, then the region, then the global hosts. */
export function clockifyHosts(config: ClockifyConfig, commonBaseUrl: string | undefined): { api: string; reports: string } {
  const regional = config.region ? `https://${config.region}.clockify.me` : undefined;
  const api =
    config.explicitBaseUrl !== undefined
      ? (commonBaseUrl ?? config.explicitBaseUrl)
      : regional
        ? `${regional}/api/v1`
        : (commonBaseUrl ?? CLOCKIFY_DEFAULT_BASE_URL);
  const reports = config.reportsBaseUrl ?? (regional ? `${regional}/report/v1` : CLOCKIFY_DEFAULT_REPORTS_BASE_URL);
  return { api: api.replace(/\/$/, ''), reports: reports.replace(/\/$/, '') };
}
