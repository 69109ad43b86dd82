import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

describe('api-types.ts', () => {
  // The other half of the drift check: OpenApiSnapshotIT (api module) compares the live API
  // with openapi.json; this compares openapi.json with the generated types.
  it('is what `npm run gen:api` generates from the checked-in openapi.json', () => {
    const require = createRequire(import.meta.url);
    const cli = join(dirname(require.resolve('openapi-typescript/package.json')), 'bin', 'cli.js');
    const script = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    // The same flags as the npm script, minus --output, so the text goes to stdout.
    const flags = (script.scripts['gen:api'] ?? '')
      .split(/\s+/)
      .slice(1)
      .filter((arg, index, all) => arg !== '--output' && all[index - 1] !== '--output');
    const generated = execFileSync(process.execPath, [cli, ...flags], { cwd: root, encoding: 'utf8' });
    const checkedIn = readFileSync(join(root, 'src', 'lib', 'api-types.ts'), 'utf8');
    expect(generated.trim(), 'src/lib/api-types.ts is stale: run `npm run gen:api` and commit it').toBe(checkedIn.trim());
    // Starting openapi-typescript in a child Node takes 7-8 s on a busy two-core machine,
    // past Vitest's 5 s default.
  }, 60_000);
});
