import type { z } from 'zod';
import { GatewayError } from '../../src/errors';
import { readObject } from '../../src/vendor-http/tolerant';
import type { Logger } from '../../src/observability/logger';
import { toVendorPath, vendorPath } from '../../src/vendor-http/path';
import type { VendorHttpClient, VendorRequest, VendorResponse } from '../../src/vendor-http/types';
import { checkDesktimeBody } from './errors';
import {
  vendorAnyObject,
  vendorCompany,
  vendorEmployeeDay,
  vendorEmployees,
  vendorPing,
  vendorProjects,
} from './schemas';

/** Answers that are one item (src/vendor-http/tolerant.ts); envelopes (`employees`, `projects`) must still have their shape. */
const ITEMS = new Set<z.ZodType>([vendorEmployeeDay, vendorCompany]);

/** Which tool call a request belongs to: pass the tool context (its cancel signal and deadline). */
export type CallScope = Pick<VendorRequest, 'signal' | 'deadline'>;
const on = (scope: CallScope | undefined): CallScope => ({ signal: scope?.signal, deadline: scope?.deadline });

/**
 * The three employee endpoints differ only in which extras DeskTime adds (apps, projects, both).
 * DeskTime's routes have no placeholders: ids travel in the query (`id`, numeric by schema).
 */
export const EMPLOYEE_ENDPOINTS = {
  full: { path: vendorPath('/employee'), operation: 'get employee' },
  projects: { path: vendorPath('/employee/projects'), operation: 'get employee projects' },
  basic: { path: vendorPath('/employee/basic'), operation: 'get employee projects and apps' },
} as const;
export type EmployeeEndpoint = keyof typeof EMPLOYEE_ENDPOINTS;

/**
 * One typed call per DeskTime endpoint. The vendor HTTP client adds the key,
 * the deadline, retries and the error mapper; this layer only says what to
 * send and parses what came back, so a tool never touches HTTP.
 */
export class DesktimeClient {
  constructor(
    private readonly http: VendorHttpClient,
    private readonly log: Logger,
  ) {}

  close() {
    return this.http.close();
  }

  ping(scope?: CallScope) {
    return this.call(vendorPing, { method: 'GET', path: vendorPath('/ping'), operation: 'ping', ...on(scope) });
  }

  company(scope?: CallScope) {
    return this.call(vendorCompany, { method: 'GET', path: vendorPath('/company'), operation: 'get company', ...on(scope) });
  }

  employees(params: { date: string; period: 'day' | 'month' }, scope?: CallScope) {
    return this.call(vendorEmployees, {
      method: 'GET',
      path: vendorPath('/employees'),
      query: { date: params.date, period: params.period },
      operation: 'list employees',
      ...on(scope),
    });
  }

  /** Without `id` DeskTime answers for the key's owner; without `date`, for its today. */
  employee(endpoint: EmployeeEndpoint, params: { id?: number; date?: string }, scope?: CallScope) {
    const { path, operation } = EMPLOYEE_ENDPOINTS[endpoint];
    return this.call(vendorEmployeeDay, { method: 'GET', path, query: { id: params.id, date: params.date }, operation, ...on(scope) });
  }

  projects(scope?: CallScope) {
    return this.call(vendorProjects, { method: 'GET', path: vendorPath('/projects'), operation: 'list projects', ...on(scope) });
  }

  /** A POST whose parameters travel in the query string, as DeskTime expects. */
  createProject(params: { project: string; task?: string }, scope?: CallScope) {
    return this.call(vendorAnyObject, {
      method: 'POST',
      path: vendorPath('/create-project'),
      query: { project: params.project, task: params.task },
      operation: 'create project',
      ...on(scope),
    });
  }

  /** GETs that change state: never re-sent once they may have reached DeskTime. */
  startProject(params: { project: string; task?: string }, scope?: CallScope) {
    return this.call(vendorAnyObject, {
      method: 'GET',
      path: vendorPath('/start-project'),
      query: { project: params.project, task: params.task },
      idempotent: false,
      operation: 'start project tracking',
      ...on(scope),
    });
  }

  stopProject(params: { project: string; task?: string }, scope?: CallScope) {
    return this.call(vendorAnyObject, {
      method: 'GET',
      path: vendorPath('/stop-project'),
      query: { project: params.project, task: params.task },
      idempotent: false,
      operation: 'stop project tracking',
      ...on(scope),
    });
  }

  private async call<S extends z.ZodType>(schema: S, request: VendorRequest): Promise<z.infer<S>> {
    const response = await this.http.request(request);
    return this.parse(schema, response, request);
  }

  private parse<S extends z.ZodType>(schema: S, response: VendorResponse, request: VendorRequest): z.infer<S> {
    const { body } = response;
    const context = {
      connector: 'desktime',
      status: response.status,
      headers: response.headers,
      request: { method: request.method, ...toVendorPath(request.path), operation: request.operation },
    };
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new GatewayError('upstream_error', `DeskTime's answer to ${request.operation} was not the JSON object it should be.`, {
        connector: 'desktime',
        vendorStatus: response.status,
        hint: 'Retry once later; if it persists, the gateway operator should check DESKTIME_BASE_URL and `deskgate doctor`.',
      });
    }
    // The HTTP client runs this check too; repeating it keeps a 200 carrying `error` from ever parsing as data.
    const inBody = checkDesktimeBody(body, context);
    if (inBody) throw inBody;
    // An employee or the company is read field by field: one field in an unexpected shape never fails the call.
    if (ITEMS.has(schema)) return readObject(schema as unknown as z.ZodObject, body, { vendor: 'desktime', what: request.operation, log: this.log }) as z.infer<S>;
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      // Paths only: the values may be personal data.
      this.log.warn(
        { connector: 'desktime', operation: request.operation, issues: parsed.error.issues.map((i) => i.path.join('.')) },
        'DeskTime answer did not match the expected shape',
      );
      throw new GatewayError('upstream_error', `DeskTime's answer to ${request.operation} did not have the expected shape.`, {
        connector: 'desktime',
        vendorStatus: response.status,
        hint: 'Retry once later; if it persists, DeskTime may have changed its API: report it to the gateway operator.',
      });
    }
    return parsed.data;
  }
}
