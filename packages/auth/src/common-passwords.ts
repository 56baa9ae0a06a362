/**
 * The most common passwords from public breach corpora (SecLists top lists), lower-cased, that
 * would otherwise pass the length rule. Not a breach check (that needs a k-anonymity service such
 * as Have I Been Pwned); it stops the obvious choices offline and with no dependency.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '1234567890', '12345678910', '123456789a', '0123456789', '0987654321', '1111111111',
  '1q2w3e4r5t', '1qaz2wsx3edc', 'qwertyuiop', 'qwerty1234', 'qwerty12345', 'qwerty123456',
  'asdfghjkl1', 'zxcvbnm123', 'password12', 'password123', 'password1234', 'password!1',
  'password1!', 'p@ssw0rd12', 'passw0rd123', 'iloveyou12', 'iloveyou123', 'princess12',
  'football12', 'baseball12', 'basketball', 'basketball1', 'superman12', 'starwars12',
  'sunshine12', 'trustno1234', 'letmein123', 'welcome123', 'welcome1234', 'welcome2024',
  'welcome2025', 'changeme123', 'administrator', 'admin12345', 'admin123456', 'abc1234567',
  'abcd123456', 'abcdefghij', 'a1b2c3d4e5', 'q1w2e3r4t5', 'monkey1234', 'dragon1234',
  'michael123', 'jessica123', 'charlie123', 'master1234', 'shadow1234', 'computer12',
  'whatever12', 'summer2024', 'summer2025', 'spring2025', 'winter2024', 'autumn2024',
  'password2024', 'password2025', 'qazwsxedcrfv', 'zaq12wsxcde', '1qazxsw23edc',
  'mypassword1', 'secret1234', 'letmein1234', 'loveyou1234', 'chocolate1', 'butterfly1',
  'liverpool1', 'manchester', 'pokemon1234', 'minecraft1', 'fortnite123', 'iloveyou!!',
]);
