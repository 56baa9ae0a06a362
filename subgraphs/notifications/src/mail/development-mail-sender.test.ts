import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DevelopmentMailSender } from './development-mail-sender';

const mail = {
  id: '0b8a9a2e-6c1f-4a52-9d59-2f1f5e3c7a10',
  from: 'Shop <shop@localhost>',
  to: 'ada@example.com',
  subject: 'Reset your password',
  text: 'Hello Ada,\n\ntoken',
  html: '<p>Hello Ada,</p>',
};

describe('development mail adapter', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('keeps every mail, and writes each as an .eml file with both parts when given a directory', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mails-'));
    const sender = new DevelopmentMailSender({ directory: join(dir, 'mail') });
    await sender.send(mail);
    expect(sender.sent).toEqual([mail]);
    const files = await readdir(join(dir, 'mail'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`-${mail.id}\\.eml$`));
    const eml = await readFile(join(dir, 'mail', files[0]!), 'utf8');
    expect(eml).toContain('To: ada@example.com');
    expect(eml).toContain('Subject: Reset your password');
    expect(eml).toContain(`Message-ID: <${mail.id}@localhost>`);
    expect(eml).toContain('Content-Type: text/plain');
    expect(eml).toContain('Content-Type: text/html');
  });

  it('keeps mails in memory only without a directory', async () => {
    const sender = new DevelopmentMailSender();
    await sender.send(mail);
    await sender.send({ ...mail, id: 'other' });
    expect(sender.sent.map((m) => m.id)).toEqual([mail.id, 'other']);
  });
});
