// A TCP proxy in front of PostgreSQL that counts the statements its clients run: each simple
// Query ('Q') and each Execute ('E') of the extended protocol is one statement. The API is pointed
// at the proxy, so the count is exact and includes nothing but the API's own traffic.
import net from 'node:net';

export async function startSqlCounter(databaseUrl) {
  const target = new URL(databaseUrl);
  const counter = { statements: 0 };
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    let buffered = Buffer.alloc(0);
    let started = false;
    client.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      // The startup message has no type byte; every message after it does.
      for (;;) {
        if (!started) {
          if (buffered.length < 8) break;
          const length = buffered.readInt32BE(0);
          if (buffered.length < length) break;
          started = buffered.readInt32BE(4) !== 80877103; // an SSLRequest is followed by the real startup
          buffered = buffered.subarray(length);
          continue;
        }
        if (buffered.length < 5) break;
        const length = buffered.readInt32BE(1);
        if (buffered.length < 1 + length) break;
        const type = String.fromCharCode(buffered[0]);
        if (type === 'Q' || type === 'E') counter.statements += 1;
        buffered = buffered.subarray(1 + length);
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(server.address().port);
  return { url: url.toString(), counter, close: () => new Promise((resolve) => server.close(resolve)) };
}
