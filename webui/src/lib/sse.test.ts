import { describe, expect, it } from 'vitest';

import { SseParser } from './sse';

describe('SseParser', () => {
  it('parses named events with ids, joining multi-line data', () => {
    const parser = new SseParser();
    const events = parser.push('id: 1\nevent: state\ndata: {"status":\ndata: "running"}\n\n');
    expect(events).toEqual([{ event: 'state', data: '{"status":\n"running"}', id: '1' }]);
    expect(parser.lastEventId).toBe('1');
  });

  it('assembles events split anywhere across chunks, CRLF included', () => {
    const parser = new SseParser();
    const text = 'id: 7\r\nevent: sample\r\ndata: {"second":3}\r\n\r\nevent: result\r\ndata: done\r\n\r\n';
    const events = [...text].flatMap((char) => parser.push(char));
    expect(events).toEqual([
      { event: 'sample', data: '{"second":3}', id: '7' },
      // The id carries over to later events until the server sends another.
      { event: 'result', data: 'done', id: '7' },
    ]);
  });

  it('ignores comments and events without data, defaults the type to message, reads retry', () => {
    const parser = new SseParser('41');
    const events = parser.push(': keep-alive\n\nretry: 2500\nid: 42\n\ndata: plain\n\n');
    expect(events).toEqual([{ event: 'message', data: 'plain', id: '42' }]);
    expect(parser.retryMs).toBe(2500);
  });

  it('keeps an incomplete event until its blank line arrives', () => {
    const parser = new SseParser();
    expect(parser.push('event: state\ndata: x\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ event: 'state', data: 'x', id: undefined }]);
  });
});
