import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// `npm run bench` starts node without --expose-gc; the flag can still be set at run time, and a new
// context then gets a `gc` function. Collecting before each timed run keeps one peer's garbage from
// being collected on the next peer's clock.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Runs a full garbage collection. */
export function collectGarbage(): void {
  gc();
}
