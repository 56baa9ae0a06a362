/** A minimal GraphQL-over-HTTP caller for the seed: throws on transport or GraphQL errors. */
export function graphqlSession(url: string) {
  let token: string | undefined;
  async function request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const send = () =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
    let response = await send();
    // A well-behaved client: when the router's rate limit says wait, wait as long as it says.
    for (let attempt = 0; response.status === 429 && attempt < 5; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 1000 * Number(response.headers.get('retry-after') ?? 1)));
      response = await send();
    }
    const body = (await response.json()) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    if (body.errors?.length || !body.data) {
      throw new Error(`seed request failed: ${body.errors?.map((e) => `${e.extensions?.code}: ${e.message}`).join('; ')}`);
    }
    return body.data;
  }
  return {
    request,
    signIn: (accessToken: string) => {
      token = accessToken;
    },
  };
}

export type GraphQLSession = ReturnType<typeof graphqlSession>;

/**
 * Retries while a payload reports `retryOn` (a subgraph that has not yet consumed the event that
 * makes a product known to it), with a bounded number of attempts.
 */
export async function untilAccepted<T extends { errors: Array<{ code: string }> }>(attempt: () => Promise<T>, retryOn: string, attempts = 50): Promise<T> {
  for (let i = 1; ; i++) {
    const result = await attempt();
    if (!result.errors.some((e) => e.code === retryOn) || i >= attempts) return result;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
