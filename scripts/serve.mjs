// `npm start` after the build: serves dist/ with `vite preview` (its headers: COOP/COEP and the
// Content-Security-Policy of vite.config.ts). A taken port is one line saying how to pick another.
//   npm start [-- --port N] [-- --host [address]]     (--host: reachable from other devices)
import { preview } from 'vite';

function usage(message) {
  console.error(`npm start: ${message} (usage: npm start -- [--port N] [--host [address]])`);
  process.exit(2);
}

const args = process.argv.slice(2);
let port = Number(process.env.PORT ?? 4173);
let host;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--port') {
    port = Number(args[++i]);
  } else if (args[i] === '--host') {
    // a bare --host listens on every interface (phones and laptops in the room)
    host = args[i + 1] && !args[i + 1].startsWith('--') ? args[++i] : true;
  } else usage(`unknown argument ${JSON.stringify(args[i].slice(0, 40))}`);
}
if (!Number.isInteger(port) || port < 1 || port > 65535) usage('--port needs a whole number in [1, 65535]');

try {
  const server = await preview({ preview: { port, strictPort: true, host } });
  server.printUrls();
} catch (e) {
  const message = String(e?.message ?? e);
  if (/already in use|EADDRINUSE/.test(message)) {
    console.error(
      `npm start: port ${port} is already in use (another npm start?); pick another: npm start -- --port ${port + 1}`,
    );
  } else
    console.error(
      `npm start: cannot serve on ${host === true ? 'all interfaces' : (host ?? 'localhost')}:${port} (${message.split('\n')[0]})`,
    );
  process.exit(1);
}
