import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@shop/subgraph-kit';
import { graphqlClient } from '@shop/testkit';
import { startEmbedded, type RunningEmbedded } from '../../scripts/embedded';
import { LoginAttemptDocument, RegisterDocument } from '../__generated__/graphql';
import { strongPassword, uniqueEmail } from '../support/embedded-shop';

const wrong = { session: null, errors: [{ code: 'INVALID_CREDENTIALS', field: null, message: 'E-mail or password is wrong', retryAfterSeconds: null }] };
const throttled = {
  session: null,
  errors: [{ code: 'TOO_MANY_ATTEMPTS', field: null, message: 'Too many failed sign-ins; try again in 600 s', retryAfterSeconds: 600 }],
};

/**
 * Login back-off through the router: the users subgraph counts failures per (e-mail, client IP)
 * and per client IP, where the client IP is the one the router signed into its internal token
 * (here from `x-forwarded-for`, the router trusting its proxy).
 */
describe('failed sign-ins through the router', () => {
  let shop: RunningEmbedded;
  let client: ReturnType<typeof graphqlClient>;
  beforeAll(async () => {
    shop = await startEmbedded({
      routerPort: 0,
      subgraphPorts: 'random',
      logger: createLogger('e2e', 'silent'),
      router: { rateLimit: { max: 1_000, trustProxy: true } },
      // A back-off far longer than the test, so no answer depends on how fast the machine is.
      subgraphConfig: { users: { loginThrottle: { freeAttempts: 3, freeAttemptsPerIp: 8, baseDelaySeconds: 600, maxDelaySeconds: 600 } } },
    });
    client = graphqlClient(shop.routerUrl);
  });
  afterAll(() => shop.stop());

  const account = async () => {
    const email = uniqueEmail('throttle');
    const registered = await client(RegisterDocument, { input: { email, password: strongPassword, name: 'Ada' } });
    expect(registered.data?.register.errors).toEqual([]);
    return email;
  };
  const attempt = (email: string, password: string, ip: string) =>
    client(LoginAttemptDocument, { input: { email, password } }, { headers: { 'x-forwarded-for': ip } });

  it('after the free attempts even the right password is refused with retryAfterSeconds; another address still signs in', async () => {
    const email = await account();
    for (let i = 0; i < 3; i++) expect((await attempt(email, 'wrong-password-123', '203.0.113.1')).data?.login).toEqual(wrong);

    expect((await attempt(email, strongPassword, '203.0.113.1')).data?.login).toEqual(throttled);
    // The owner elsewhere is not locked out by an attacker's guesses.
    expect((await attempt(email, strongPassword, '203.0.113.2')).data?.login).toEqual({ session: { user: { email } }, errors: [] });
  });

  it('guesses spread over many accounts from one address are throttled per address', async () => {
    const emails = await Promise.all(Array.from({ length: 5 }, account));
    // Two wrong guesses per account stay under the per-account limit but use up the address's 8.
    for (const email of emails.slice(0, 4)) {
      for (let i = 0; i < 2; i++) expect((await attempt(email, 'wrong-password-123', '198.51.100.7')).data?.login).toEqual(wrong);
    }
    expect((await attempt(emails[4]!, strongPassword, '198.51.100.7')).data?.login).toEqual(throttled);
    expect((await attempt(emails[4]!, strongPassword, '198.51.100.8')).data?.login).toEqual({ session: { user: { email: emails[4] } }, errors: [] });
  });

  it('a burst of 12 concurrent guesses gets exactly the 3 free password checks', async () => {
    const email = await account();
    const answers = await Promise.all(Array.from({ length: 12 }, () => attempt(email, 'wrong-password-123', '192.0.2.9')));
    const codes = answers.map((a) => a.data?.login.errors[0]?.code);
    // Exactly the 3 free attempts reach the password check; the other 9 are refused unchecked.
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(3);
    expect(codes.filter((c) => c === 'TOO_MANY_ATTEMPTS')).toHaveLength(9);
    expect((await attempt(email, strongPassword, '192.0.2.9')).data?.login).toEqual(throttled);
  });

  it("a burst over many accounts from one address gets exactly the address's 8 free checks", async () => {
    const emails = await Promise.all(Array.from({ length: 6 }, account));
    const answers = await Promise.all(emails.flatMap((email) => [0, 1].map(() => attempt(email, 'wrong-password-123', '192.0.2.77'))));
    const codes = answers.map((a) => a.data?.login.errors[0]?.code);
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(8);
    expect(codes.filter((c) => c === 'TOO_MANY_ATTEMPTS')).toHaveLength(4);
  });
});
