import { describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../local/data-dir.ts';
import { javaMajorVersion } from '../../local/dynamodb.ts';
import { renderResult } from '../../local/gateway.ts';
import { optionsFromEnv } from '../../local/options.ts';

describe('npm start environment', () => {
  it('defaults to the documented ports, data dir, table and seed', () => {
    expect(optionsFromEnv({})).toEqual({
      port: 3000,
      dynamoPort: 8000,
      dataDir: '.data',
      tableName: 'patient-online',
      seed: true,
    });
  });

  it('reads PORT, DYNAMODB_PORT, DYNAMODB_ENDPOINT, DATA_DIR, TABLE_NAME and SEED=none', () => {
    const env = {
      PORT: '0',
      DYNAMODB_PORT: '8123',
      DYNAMODB_ENDPOINT: 'http://localhost:9000',
      DATA_DIR: ':memory:',
      TABLE_NAME: 't',
      SEED: 'none',
    };
    expect(optionsFromEnv(env)).toEqual({
      port: 0,
      dynamoPort: 8123,
      dynamoEndpoint: 'http://localhost:9000',
      dataDir: ':memory:',
      tableName: 't',
      seed: false,
    });
  });

  it('refuses a port that is not a number, in one sentence naming the variable', () => {
    expect(() => optionsFromEnv({ PORT: 'eighty' })).toThrow(
      'PORT must be a port number from 0 to 65535, not "eighty".',
    );
    expect(() => optionsFromEnv({ DYNAMODB_PORT: '70000' })).toThrow(/^DYNAMODB_PORT must be/);
  });

  it('makes the data dir absolute, or undefined for :memory:', () => {
    expect(resolveDataDir('.data', '/repo')).toBe('/repo/.data');
    expect(resolveDataDir('/var/po', '/repo')).toBe('/var/po');
    expect(resolveDataDir(':memory:', '/repo')).toBeUndefined();
  });

  it('reads the Java major version from `java -version`', () => {
    expect(javaMajorVersion('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(javaMajorVersion('java version "1.8.0_392"')).toBe(8);
    expect(javaMajorVersion('openjdk version "21" 2023-09-19')).toBe(21);
    expect(javaMajorVersion('something else')).toBeUndefined();
  });
});

describe('local mode rendering of Lambda results (payload v2.0)', () => {
  it('uses a structured result as given, one Set-Cookie per cookie', () => {
    const rendered = renderResult({
      statusCode: 201,
      headers: { Location: '/x', 'X-N': 3 },
      cookies: ['a=1'],
      body: '{}',
    });
    expect(rendered).toEqual({
      statusCode: 201,
      headers: { location: '/x', 'x-n': '3' },
      cookies: ['a=1'],
      body: Buffer.from('{}'),
    });
  });

  it('decodes a base64 body', () => {
    expect(
      renderResult({
        statusCode: 200,
        body: Buffer.from('hi').toString('base64'),
        isBase64Encoded: true,
      }).body.toString(),
    ).toBe('hi');
  });

  it('treats anything without a statusCode as a 200 JSON body, as API Gateway infers', () => {
    expect(renderResult({ status: 'ok' })).toMatchObject({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from('{"status":"ok"}'),
    });
  });
});
