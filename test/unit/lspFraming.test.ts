// The framing guard follows well-framed LSP traffic however it is cut into chunks, and names the
// first broken frame.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FramingGuard, MAX_HEADER_BYTES } from '../../server/src/lsp/framingGuard.js';

const frame = (body: string, extra = ''): Buffer => {
  const b = Buffer.from(body, 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${b.length}\r\n${extra}\r\n`, 'latin1'), b]);
};

function feedInChunks(bytes: Buffer, size: number): string | undefined {
  const g = new FramingGuard();
  let error: string | undefined;
  for (let i = 0; i < bytes.length && error === undefined; i += size) error = g.feed(bytes.subarray(i, i + size));
  return error;
}

test('valid traffic (bodies with \\r\\n\\r\\n and multi-byte text, extra headers, empty bodies) passes in any chunking', () => {
  const stream = Buffer.concat([
    frame(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { text: 'a\r\n\r\nb ☃ 😀' } })),
    frame('', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n'),
    frame('{ not json but framed }'),
    frame('x'.repeat(200_000)),
    frame('{}'),
  ]);
  for (const size of [1, 2, 3, 7, 64, 4096, stream.length]) assert.equal(feedInChunks(stream, size), undefined, `chunks of ${size}`);
});

test('broken frames are reported, also when the break straddles chunks', () => {
  const cases: [Buffer, RegExp][] = [
    [Buffer.concat([frame('{}'), Buffer.from('garbage\n'), frame('{}')]), /without Content-Length/],
    [Buffer.from('Content-Length: abc\r\n\r\n{}'), /not a byte count/],
    [Buffer.from('Content-Length: -1\r\n\r\n'), /not a byte count/],
    [Buffer.from('Content-Length 2\r\n\r\n{}'), /without "key: value"/],
    [Buffer.alloc(MAX_HEADER_BYTES + 10, 0x41), /no header end/],
  ];
  for (const [bytes, pattern] of cases) {
    for (const size of [1, 5, bytes.length])
      assert.match(feedInChunks(bytes, size) ?? 'no error', pattern, `${bytes.subarray(0, 30).toString()} @ ${size}`);
  }
});
