import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startupBanner, EXPOSED_WARNING } from '../../local/banner.ts';
import { isInsideProcfs, prepareDataDir } from '../../local/data-dir.ts';
import { loopbackArgs } from '../../local/dynamodb.ts';
import { LocalModeError } from '../../local/errors.ts';
import type { LocalMode } from '../../local/local-mode.ts';

const TOKENS = { patient: { token: 'p', nhsNumber: '9990000018' }, staff: { token: 's', practice: 'A99001' } };

function modeWith(dynamoDbLocal: LocalMode['dynamoDbLocal']): LocalMode {
  return {
    url: 'http://127.0.0.1:3000',
    dynamoEndpoint: 'http://127.0.0.1:8000',
    dynamoDbLocal,
    dataDir: '/tmp/data',
    tableName: 'patient-online',
    practices: [],
    seed: { status: 'seeded' },
  } as unknown as LocalMode;
}

const supervised = (pid: number, loopbackOnly: boolean): LocalMode['dynamoDbLocal'] => ({
  endpoint: 'http://127.0.0.1:8000',
  loopbackOnly,
  pid: () => pid,
  restarts: () => 0,
  stop: () => Promise.resolve(),
});

describe('local mode banner', () => {
  it("prints DynamoDB Local's own pid, not Node's", () => {
    const lines = startupBanner(modeWith(supervised(424242, true)), TOKENS, 'data');
    const dynamoLine = lines.find((line) => line.startsWith('DynamoDB:'))!;
    expect(dynamoLine).toContain('pid: 424242');
    expect(dynamoLine).not.toContain(`pid: ${process.pid}`);
    expect(dynamoLine).toContain('127.0.0.1 only');
    expect(lines).not.toContain(EXPOSED_WARNING);
  });

  it('warns when DynamoDB Local listens on every interface', () => {
    expect(startupBanner(modeWith(supervised(1, false)), TOKENS, 'data')).toContain(EXPOSED_WARNING);
  });
});

describe('DynamoDB Local bound to loopback', () => {
  const jarArgs = [
    '-Djava.library.path=../../lib/x/DynamoDBLocal_lib',
    '-jar',
    '../../lib/x/DynamoDBLocal.jar',
    '-dbPath',
    '/data',
    '-port',
    '8000',
    '-sharedDb',
  ];

  it('runs the loopback launcher with the jar on the class path, and the same DynamoDB Local options', () => {
    const args = loopbackArgs(jarArgs, '/nonexistent-cache');
    expect(args.slice(0, 2)).toEqual(['-Djava.library.path=../../lib/x/DynamoDBLocal_lib', '-cp']);
    expect(args[2]).toContain('../../lib/x/DynamoDBLocal.jar');
    expect(args[2]).toContain('DynamoDBLocal_lib/*');
    expect(args[3]).toBe('-Dloopback.saveClassTo=/nonexistent-cache');
    expect(args[4]).toMatch(/LoopbackDynamoDbLocal\.java$/);
    expect(args.slice(5)).toEqual(['-dbPath', '/data', '-port', '8000', '-sharedDb']);
    expect(args).not.toContain('-jar');
  });
});

describe.skipIf(!existsSync('/proc/self'))('DATA_DIR inside procfs', () => {
  it('is refused at once with one sentence (mkdirSync would loop forever there)', () => {
    expect(isInsideProcfs('/proc/self/patient-online')).toBe(true);
    expect(() => prepareDataDir('/proc/self/patient-online')).toThrow(LocalModeError);
    expect(() => prepareDataDir('/proc/self/patient-online')).toThrow(
      'The data directory /proc/self/patient-online is inside /proc, which cannot hold files: choose another with DATA_DIR=<path> (or DATA_DIR=:memory:).',
    );
  });

  it('is not confused by a /proc symlink that leads to a real directory', () => {
    expect(isInsideProcfs('/proc/self/cwd/patient-online-data')).toBe(false);
  });
});
