/**
 * Passwords of ten or more characters that lead the public breach lists; shorter ones are refused
 * for their length anyway. Compared lower-cased.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '1234567890', '12345678910', '123456789a', '0123456789', '0987654321', '1111111111', '1q2w3e4r5t',
  '1qaz2wsx3edc', '123qweasdzxc', 'qwertyuiop', 'qwerty12345', 'qwerty123456', 'qwertyuiop123',
  'asdfghjkl1', 'zxcvbnm123', 'password12', 'password123', 'password1234', 'password12345', 'password!',
  'password01', 'password1!', 'passw0rd123', 'p@ssw0rd123', 'p@ssword123', 'iloveyou12', 'iloveyou123',
  'iloveyou1234', 'abcdefghij', 'abcdef1234', 'abc1234567', 'abcd123456', 'a123456789', 'aa12345678',
  'qazwsxedcrfv', 'q1w2e3r4t5', 'q1w2e3r4t5y6', '1q2w3e4r5t6y', 'zaq12wsxcde3', 'letmein123', 'welcome123',
  'welcome1234', 'admin12345', 'admin123456', 'administrator', 'changeme123', 'football123', 'baseball123',
  'superman123', 'princess123', 'sunshine123', 'starwars123', 'trustno1234', 'computer123', 'michael123',
  'jennifer123', 'liverpool1', 'chocolate1', 'basketball', 'football1', 'qwerty1234', 'whatever123',
  'monkey12345', 'dragon12345', 'master12345', 'shadow12345', 'loveyou123', 'mypassword', 'mypassword1',
  'mypassword123', 'secret1234', 'secret12345', 'test123456', 'testing123', 'default123', 'summer2024',
  'summer2025', 'summer2026', 'winter2024', 'winter2025', 'winter2026', 'spring2025', 'spring2026',
  'autumn2025', 'autumn2026', 'password2024', 'password2025', 'password2026', 'welcome2025', 'welcome2026',
  'correcthorse', 'correcthorsebatterystaple', 'passwordpassword', 'qwertyqwerty', 'aaaaaaaaaa',
  'zzzzzzzzzz', '9876543210', '1122334455', '1234512345', '1234554321', '5555555555', '0000000000',
]);
