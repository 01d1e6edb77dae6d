// Property-based tests run with a fixed seed, so CI is deterministic; set FC_SEED to explore others
// (a failure prints the seed and path that reproduce it).
import fc from 'fast-check';

const seed = process.env['FC_SEED'] === undefined ? 20_261_204 : Number(process.env['FC_SEED']);
fc.configureGlobal({ seed });
