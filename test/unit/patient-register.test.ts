import { BatchGetCommand, DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../functions/domain/clock.ts';
import { ProblemError } from '../../functions/domain/errors.ts';
import { randomIds } from '../../functions/domain/ids.ts';
import { registerPatient } from '../../functions/usecases/patients.ts';
import { useUnitEnv } from '../support/unit-env.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const services = { appointments: true, prescriptions: true, record: 'summary' } as const;

/** 23:30 UTC on 30 June is already 1 July in London (BST): "today" is the practice's day. */
const deps = { clock: fixedClock('2026-06-30T23:30:00Z'), ids: randomIds };
const register = (dateOfBirth: string) =>
  registerPatient('A99001', '9990000018', { name: 'Ann Example', dateOfBirth, services }, undefined, deps);

describe('PUT /staff/patients/{nhsNumber}: the date of birth', () => {
  beforeAll(useUnitEnv);
  beforeEach(() => {
    ddb.reset();
    ddb.on(BatchGetCommand).resolves({});
    ddb.on(TransactWriteCommand).resolves({});
  });

  it.each(['1900-01-01', '2026-06-30', '2026-07-01'])('accepts %s (not after today in London)', async (date) => {
    await expect(register(date)).resolves.toMatchObject({ status: 201, value: { dateOfBirth: date } });
  });

  it.each(['2026-07-02', '2100-12-31'])('refuses %s, after today, with 400 on dateOfBirth', async (date) => {
    const error = await register(date).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect(error).toMatchObject({
      code: 'validation-failed',
      errors: [{ path: 'dateOfBirth', message: 'must not be in the future' }],
    });
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});
