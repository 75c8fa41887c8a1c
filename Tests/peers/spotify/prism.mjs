// Prism on 127.0.0.1, mocking Spotify's public Web API from the spec in this folder and
// validating every request against it (--errors: a request that breaks the spec gets 422, or 415
// for a wrong Content-Type, or 401 without an Authorization header).
//
// usage: node prism.mjs   (prints "listening PORT" once Prism accepts requests)
// Standard output carries only that line; Prism's own log goes to standard error, followed by a
// "prism peer: N requests broke the spec" line when it stops. SIGTERM or SIGINT stops Prism (by
// its process id) and then this script.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

console.log = console.info = console.warn = console.error;
process.stdout.on('error', () => {});

const here = dirname(fileURLToPath(import.meta.url));
const prismBin = join(here, 'node_modules', '.bin', 'prism');
const spec = join(here, 'spotify-openapi.v1.yml');
const attempts = 3;

let child = null;
let stopping = false;
let violations = 0;

// Another process may take the port between this probe and Prism's bind; start() then retries.
const freePort = () => new Promise((resolve, reject) => {
  const probe = createServer();
  probe.once('error', reject);
  probe.listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});

function watchLog(stream, port, onListening) {
  let pending = '';
  stream.on('data', (chunk) => {
    process.stderr.write(chunk);
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop();
    for (const line of lines) {
      if (line.includes(`listening on http://127.0.0.1:${port}`)) onListening();
      if (line.includes('Request did not pass the validation rules')) violations += 1;
    }
  });
}

function start(attempt) {
  freePort().then((port) => {
    let listening = false;
    child = spawn(prismBin, ['mock', '-h', '127.0.0.1', '-p', String(port), '--errors', spec],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    const onListening = () => {
      if (listening) return;
      listening = true;
      process.stdout.write(`listening ${port}\n`);
    };
    watchLog(child.stdout, port, onListening);
    watchLog(child.stderr, port, onListening);
    child.on('error', (error) => {
      console.error(`prism peer: cannot start ${prismBin} (${error.message}); run install.sh first`);
      process.exit(1);
    });
    child.on('exit', (code, signal) => {
      child = null;
      if (stopping) return;
      if (!listening && attempt < attempts) {
        console.error(`prism peer: Prism quit before listening on ${port}; trying another port`);
        return start(attempt + 1);
      }
      console.error(`prism peer: Prism stopped (code ${code}, signal ${signal})`);
      process.exit(1);
    });
  }, (error) => {
    console.error(`prism peer: no free port on 127.0.0.1 (${error.message})`);
    process.exit(1);
  });
}

function stop() {
  if (stopping) return;
  stopping = true;
  const finish = () => {
    console.error(`prism peer: ${violations} requests broke the spec`);
    process.exit(0);
  };
  if (!child) return finish();
  const pid = child.pid;
  child.once('exit', finish);
  process.kill(pid, 'SIGTERM');
  // Prism normally stops at once; a stuck one must not outlive this script.
  setTimeout(() => { try { process.kill(pid, 'SIGKILL'); } catch {} }, 1500).unref();
}

process.on('SIGTERM', stop);
process.on('SIGINT', stop);
start(1);
