import { describe, expect, it } from 'vitest';
import { sseFrame } from './notification-hub.ts';
import { parseSignal } from './notify.ts';

describe('notification signals and frames', () => {
  it('reads the accounts and session-end signals, and nothing else', () => {
    expect(parseSignal('n:7:1,22,333')).toEqual({
      kind: 'accounts',
      jurisdictionId: 7,
      accountIds: [1, 22, 333],
    });
    expect(parseSignal('end:abc123')).toEqual({ kind: 'session_ended', sessionId: 'abc123' });
    for (const bad of ['', 'n:7:', 'n::1', 'n:7:1,,2', 'end:', 'hello']) expect(parseSignal(bad)).toBeNull();
  });

  it('writes one event per frame: id only for notifications, data on one line', () => {
    expect(sseFrame('unread', { unread: 2 })).toBe('event: unread\ndata: {"unread":2}\n\n');
    expect(sseFrame('notification', { title: '一\n二' }, 5)).toBe(
      'id: 5\nevent: notification\ndata: {"title":"一\\n二"}\n\n',
    );
  });
});
