import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDeployConfig } from '../../lib/deploy-config.ts';
import { shippedContext } from './support.ts';

const errorsOf = (context: unknown, overrides = {}) => {
  const result = parseDeployConfig(context, overrides);
  return result.ok ? [] : result.errors;
};

describe('deploy configuration (cdk.json context "patientOnline")', () => {
  it('accepts the configuration shipped in cdk.json', () => {
    const result = parseDeployConfig(shippedContext());
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.config.practices.map((p) => p.ods)).toEqual(['A99001', 'A99002']);
  });

  it('defaults a practice time zone to Europe/London', () => {
    const result = parseDeployConfig({ ...shippedContext(), practices: [{ ods: 'B12345', name: 'Elm Surgery' }] });
    expect(result.ok && result.config.practices[0]?.timeZone).toBe('Europe/London');
  });

  it('reports one line per mistake, naming the field', () => {
    const errors = errorsOf({
      practices: [
        { ods: 'a1', name: 'Bad code', timeZone: 'Mars/Olympus' },
        { ods: 'A99001', name: '' },
      ],
      corsOrigins: ['https://app.example.nhs.uk/', '*'],
      callbackUrls: ['http://app.example.nhs.uk/callback'],
      alarmEmail: 'not-an-email',
    });
    expect(errors).toEqual([
      expect.stringMatching(/^patientOnline\.practices\[0\]\.ods: /),
      expect.stringMatching(/^patientOnline\.practices\[0\]\.timeZone: /),
      expect.stringMatching(/^patientOnline\.practices\[1\]\.name: /),
      expect.stringMatching(/^patientOnline\.corsOrigins\[0\]: .*origin/),
      expect.stringMatching(/^patientOnline\.corsOrigins\[1\]: /),
      expect.stringMatching(/^patientOnline\.callbackUrls\[0\]: .*https/),
      'patientOnline.alarmEmail: must be an e-mail address, or "" for no alarm e-mails',
    ]);
  });

  it('rejects duplicate ODS codes, an empty callback list and missing required fields', () => {
    const duplicate = { ods: 'A99001', name: 'Again' };
    expect(errorsOf({ practices: [duplicate, duplicate], callbackUrls: [] })).toEqual([
      expect.stringMatching(/^patientOnline\.practices: .*unique/),
      expect.stringMatching(/^patientOnline\.callbackUrls: at least one/),
    ]);
    expect(errorsOf({ practices: [{ name: 'No code' }] })).toEqual([
      'patientOnline.practices[0].ods: is required',
      'patientOnline.callbackUrls: is required',
    ]);
  });

  it('defaults to no CORS origins and no alarm e-mail', () => {
    const context = shippedContext();
    delete context.corsOrigins;
    delete context.alarmEmail;
    const result = parseDeployConfig(context);
    expect(result.ok && { corsOrigins: result.config.corsOrigins, alarmEmail: result.config.alarmEmail }).toEqual({
      corsOrigins: [],
      alarmEmail: '',
    });
  });

  it('allows http only for localhost', () => {
    expect(
      errorsOf({ ...shippedContext(), corsOrigins: ['http://localhost:5173', 'https://app.example.nhs.uk'] }),
    ).toEqual([]);
    expect(errorsOf({ ...shippedContext(), corsOrigins: ['http://app.example.nhs.uk'] })).toHaveLength(1);
  });

  it('takes single fields from -c: comma-separated or JSON lists, JSON practices', () => {
    const result = parseDeployConfig(shippedContext(), {
      corsOrigins: 'https://a.example.nhs.uk, https://b.example.nhs.uk',
      callbackUrls: '["https://a.example.nhs.uk/callback"]',
      alarmEmail: 'ops@example.nhs.uk',
      practices: '[{"ods":"C81001","name":"Oak Lane Surgery"}]',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.corsOrigins).toEqual(['https://a.example.nhs.uk', 'https://b.example.nhs.uk']);
    expect(result.config.callbackUrls).toEqual(['https://a.example.nhs.uk/callback']);
    expect(result.config.alarmEmail).toBe('ops@example.nhs.uk');
    expect(result.config.practices.map((p) => p.ods)).toEqual(['C81001']);
  });

  it('takes the whole object as JSON from -c patientOnline=…, and says when it is not JSON', () => {
    expect(parseDeployConfig(JSON.stringify(shippedContext())).ok).toBe(true);
    expect(errorsOf('{not json')).toEqual(['patientOnline: the -c value is not valid JSON']);
    expect(errorsOf(shippedContext(), { practices: '[{' })).toEqual(['-c practices: not valid JSON']);
  });

  it('validates the Hosted UI domain prefix', () => {
    expect(errorsOf({ ...shippedContext(), authDomainPrefix: 'riverside-gp' })).toEqual([]);
    expect(errorsOf({ ...shippedContext(), authDomainPrefix: 'My_Prefix' })).toHaveLength(1);
    expect(errorsOf({ ...shippedContext(), authDomainPrefix: 'gp-cognito' })).toHaveLength(1);
  });

  it('rejects unknown fields (a typo must not be silently ignored)', () => {
    expect(errorsOf({ ...shippedContext(), alarmEmails: 'x@example.org' })).toEqual([
      expect.stringMatching(/alarmEmails/),
    ]);
  });
});

describe('bin/app.ts', () => {
  it('exits non-zero with one line per mistake before synthesizing anything', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const bad = { ...shippedContext(), alarmEmail: 'nope', corsOrigins: ['ftp://x'] };
    const run = spawnSync('npx', ['tsx', 'bin/app.ts'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ patientOnline: bad }) },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Invalid deploy configuration');
    expect(run.stderr).toMatch(/- patientOnline\.corsOrigins\[0\]: /);
    expect(run.stderr).toMatch(/- patientOnline\.alarmEmail: /);
  });
});
