import { testServers } from './env';

/** A mail as Mailpit's search lists it. */
export interface MailpitSummary {
  ID: string;
  MessageID: string;
  Subject: string;
  To: Array<{ Name: string; Address: string }>;
  From: { Name: string; Address: string };
}

/** A mail with its bodies. */
export interface MailpitMessage extends MailpitSummary {
  Text: string;
  HTML: string;
}

/**
 * Reads what a real Mailpit received, through its HTTP API (scripts/servers/mailpit.sh). Tests
 * tell their mails apart by unique recipient addresses, so they can share one server.
 */
export function mailpit(apiUrl: string = testServers.TEST_MAILPIT_API) {
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(new URL(path, apiUrl));
    if (!response.ok) throw new Error(`Mailpit ${path}: HTTP ${response.status}`);
    return (await response.json()) as T;
  };
  const to = async (address: string): Promise<MailpitSummary[]> => {
    const query = encodeURIComponent(`to:"${address}"`);
    const page = await get<{ messages: MailpitSummary[] }>(`/api/v1/search?query=${query}&limit=1000`);
    // Search matches substrings; keep exact recipients, oldest first.
    return page.messages.filter((m) => m.To.some((t) => t.Address.toLowerCase() === address.toLowerCase())).reverse();
  };
  return {
    /** Every mail to exactly this address, oldest first. */
    to,
    message: (id: string) => get<MailpitMessage>(`/api/v1/message/${encodeURIComponent(id)}`),
    /** Polls until at least `count` mails to the address arrived; returns them all (oldest first). */
    async waitFor(address: string, count = 1, timeoutMs = 60_000): Promise<MailpitSummary[]> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const mails = await to(address);
        if (mails.length >= count) return mails;
        if (Date.now() > deadline) throw new Error(`Mailpit: ${mails.length} of ${count} mails to ${address} arrived in ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}

export type Mailpit = ReturnType<typeof mailpit>;
