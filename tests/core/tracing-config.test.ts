import { describe, expect, it } from 'vitest';
import { tracingConfigOf } from '../../src/observability/tracing';

/** When the standard OTel variables turn traces on, and where they go. */
describe('tracingConfigOf', () => {
  it('is off without an endpoint, whatever else is set', () => {
    expect(tracingConfigOf({})).toBeUndefined();
    expect(tracingConfigOf({ OTEL_SERVICE_NAME: 'x', OTEL_EXPORTER_OTLP_HEADERS: 'a=b', OTEL_EXPORTER_OTLP_ENDPOINT: '  ' })).toBeUndefined();
  });

  it('is off with OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none, even with an endpoint', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(tracingConfigOf({ ...endpoint, OTEL_SDK_DISABLED: 'true' })).toBeUndefined();
    expect(tracingConfigOf({ ...endpoint, OTEL_SDK_DISABLED: 'TRUE' })).toBeUndefined();
    expect(tracingConfigOf({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' })).toBeUndefined();
    expect(tracingConfigOf({ ...endpoint, OTEL_SDK_DISABLED: 'false' })?.url).toBe('http://collector:4318/v1/traces');
  });

  it('appends /v1/traces to the base endpoint and takes the traces endpoint as is (it wins)', () => {
    expect(tracingConfigOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })?.url).toBe('http://collector:4318/v1/traces');
    expect(tracingConfigOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example.com/otlp' })?.url).toBe('https://otel.example.com/otlp/v1/traces');
    expect(
      tracingConfigOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces:9999/custom' })?.url,
    ).toBe('http://traces:9999/custom');
  });

  it('reads headers (the traces ones win), the service name and resource attributes, percent-decoded', () => {
    const config = tracingConfigOf({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=abc%3D%3D,x-tenant=one',
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'x-tenant=two',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=prod,team=help%20desk',
    });
    expect(config).toMatchObject({
      headers: { 'x-api-key': 'abc==', 'x-tenant': 'two' },
      serviceName: 'deskgate',
      resourceAttributes: { 'deployment.environment.name': 'prod', team: 'help desk' },
      protocolIgnored: undefined,
    });
    expect(tracingConfigOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SERVICE_NAME: 'deskgate-eu' })?.serviceName).toBe('deskgate-eu');
  });

  it('says when another OTLP protocol was asked for (deskgate sends http/json)', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' };
    expect(tracingConfigOf({ ...endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' })?.protocolIgnored).toBeUndefined();
    expect(tracingConfigOf({ ...endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })?.protocolIgnored).toBe('grpc');
    expect(tracingConfigOf({ ...endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json' })?.protocolIgnored).toBeUndefined();
  });
});
