// Browser tests: placeholder runner until the visualiser lands (issue 4). It fails loudly if the
// browser is missing, so CI's install step is checked from day one.
import { existsSync } from 'node:fs';

if (!existsSync('/usr/bin/chromium')) {
  console.error('browser tests need Debian chromium at /usr/bin/chromium (apt-get install -y chromium)');
  process.exit(1);
}
console.log('browser tests: none yet (visualiser not built)');
