/** What a template produces: the same message as plain text and as HTML. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Every value a template puts into HTML goes through this (names and reasons come from users). */
export const escapeHtml = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** One block of a mail: a paragraph, a `label: value` line, or a call-to-action link. */
export type Block = { paragraph: string } | { fact: [label: string, value: string] } | { link: [label: string, href: string] };

/**
 * Lays one list of blocks out twice, as plain text and as a small inline-styled HTML page, so
 * both parts of a mail always say the same thing.
 */
export function layout(subject: string, greeting: string, blocks: Block[], signature = 'The Shop team'): RenderedMail {
  const textBlocks = blocks.map((block) =>
    'paragraph' in block ? block.paragraph : 'fact' in block ? `${block.fact[0]}: ${block.fact[1]}` : `${block.link[0]}:\n${block.link[1]}`,
  );
  const text = [greeting, ...textBlocks, `-- \n${signature}`].join('\n\n') + '\n';
  const htmlBlocks = blocks.map((block) => {
    if ('paragraph' in block) return `<p>${escapeHtml(block.paragraph)}</p>`;
    if ('fact' in block) return `<p><strong>${escapeHtml(block.fact[0])}:</strong> ${escapeHtml(block.fact[1])}</p>`;
    return `<p><a href="${escapeHtml(block.link[1])}" style="display:inline-block;padding:10px 16px;background:#1a56db;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(block.link[0])}</a></p>`;
  });
  const html = [
    '<!doctype html>',
    `<html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;line-height:1.5;color:#111;max-width:560px;margin:0 auto;padding:16px">',
    `<p>${escapeHtml(greeting)}</p>`,
    ...htmlBlocks,
    `<p style="color:#666">${escapeHtml(signature)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

export const greet = (name: string | undefined): string => (name ? `Hello ${name},` : 'Hello,');
