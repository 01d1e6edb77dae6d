// Copies the non-TypeScript files that ship with an entry point (the inspector's page) into dist/.
import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const SOURCE_ROOT = 'src';
const OUTPUT_ROOT = 'dist';

function copyAssets(directory) {
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) {
      if (name === 'assets')
        cpSync(path, join(OUTPUT_ROOT, relative(SOURCE_ROOT, path)), { recursive: true });
      else copyAssets(path);
    }
  }
}

if (existsSync(SOURCE_ROOT)) copyAssets(SOURCE_ROOT);
