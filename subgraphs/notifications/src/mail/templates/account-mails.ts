import type { UserEmailedToken, UserPasswordChanged } from '@shop/events';
import { greet, layout, type RenderedMail } from './layout';

const tokenLink = (storefrontUrl: string, path: string, token: string) => `${storefrontUrl.replace(/\/$/, '')}/${path}?token=${encodeURIComponent(token)}`;
const until = (iso: string) => new Date(iso).toUTCString();

export function verifyEmailMail(data: UserEmailedToken, storefrontUrl: string): RenderedMail {
  return layout('Confirm your e-mail address', greet(data.name), [
    { paragraph: `Please confirm that ${data.email} is your e-mail address.` },
    { link: ['Confirm my address', tokenLink(storefrontUrl, 'verify-email', data.token)] },
    { fact: ['Or use this code with verifyEmail', data.token] },
    { paragraph: `The link works once and expires ${until(data.expiresAt)}. If you did not ask for it, ignore this mail.` },
  ]);
}

export function passwordResetMail(data: UserEmailedToken, storefrontUrl: string): RenderedMail {
  return layout('Reset your password', greet(data.name), [
    { paragraph: 'Someone (hopefully you) asked to reset the password of your account.' },
    { link: ['Choose a new password', tokenLink(storefrontUrl, 'reset-password', data.token)] },
    { fact: ['Or use this code with resetPassword', data.token] },
    {
      paragraph: `The link works once and expires ${until(data.expiresAt)}. Resetting signs you out everywhere. If you did not ask for it, ignore this mail: your password stays as it is.`,
    },
  ]);
}

export function passwordChangedMail(data: UserPasswordChanged): RenderedMail {
  return layout('Your password was changed', greet(data.name), [
    { paragraph: `The password of your account ${data.email} was changed on ${until(data.at)}, and every device was signed out.` },
    { paragraph: 'If this was not you, reset your password now and contact us.' },
  ]);
}
