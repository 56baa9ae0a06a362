import { GraphQLError } from 'graphql';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { badUserInput, maskErrors } from '../src';

const mask = maskErrors(pino({ level: 'silent' }));

describe('maskErrors', () => {
  it('passes typed errors without their stack trace', () => {
    const error = badUserInput('Price must be positive', { field: 'price' });
    expect(mask({ message: error.message, extensions: { ...error.extensions, stacktrace: ['at x'] } }, error)).toEqual({
      message: 'Price must be positive',
      extensions: { code: 'BAD_USER_INPUT', field: 'price' },
    });
  });

  it('hides the message of an unexpected error (e.g. SQL from a driver)', () => {
    const error = new GraphQLError('duplicate key value violates unique constraint "users_email_unique"');
    expect(mask({ message: error.message, path: ['register'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error)).toEqual({
      message: 'Internal server error',
      path: ['register'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('masks errors with an unknown code', () => {
    expect(mask({ message: 'secret', extensions: { code: 'ECONNREFUSED' } }, new Error('secret'))).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });
});
