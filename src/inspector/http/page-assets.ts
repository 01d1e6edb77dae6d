import { readFile } from 'node:fs/promises';

/** A file of the page, read once per process. */
export interface PageAsset {
  readonly body: Buffer;
  readonly contentType: string;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'styles.css': 'text/css; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
};

let loading: Promise<ReadonlyMap<string, PageAsset>> | undefined;

/**
 * Reads the page's files from the `assets` folder next to this module's folder: `src/inspector/assets`
 * under tsx, `dist/inspector/assets` once built (the build copies it). Only these names are served.
 * Read once per process and shared by every inspector: they ship with the package and never change.
 * A failed read is not cached, so the next inspector tries again.
 */
export function loadPageAssets(): Promise<ReadonlyMap<string, PageAsset>> {
  loading ??= readPageAssets().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function readPageAssets(): Promise<ReadonlyMap<string, PageAsset>> {
  const folder = new URL('../assets/', import.meta.url);
  const assets = new Map<string, PageAsset>();
  for (const [name, contentType] of Object.entries(CONTENT_TYPES)) {
    assets.set(name, { body: await readFile(new URL(name, folder)), contentType });
  }
  return assets;
}
