import { describe, expect, it } from 'vitest';
import { redactUrl } from './app.ts';

describe('redactUrl', () => {
  it('keeps personal data out of logged URLs', () => {
    expect(redactUrl('/api/people/residents?phone=13812345678&limit=20')).toBe(
      '/api/people/residents?phone=[redacted]&limit=20',
    );
    expect(redactUrl('/api/people/residents?q=王&idNumber=370681199001011234')).toBe(
      '/api/people/residents?q=王&idNumber=[redacted]',
    );
    expect(redactUrl('/api/territory/search?q=润新')).toBe('/api/territory/search?q=润新');
  });
});
