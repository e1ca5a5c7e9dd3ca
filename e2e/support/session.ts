/** Signs a demo account in over HTTP and returns the headers later requests need. */
export const DEMO_PASSWORD = 'Longkou-2229';

export async function signInOverHttp(
  baseUrl: string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<Record<string, string>> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok)
    throw new Error(`sign-in as ${username} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('jz_session='));
  if (!cookie) throw new Error('no session cookie');
  const me = (await response.json()) as { csrfToken: string };
  return { cookie: cookie.split(';')[0] as string, 'x-csrf-token': me.csrfToken };
}
