import { expect } from 'chai';
import { formatValue } from '../../../src/inspector/views/format-value.js';

describe('formatValue()', () => {
  it('writes JSON, pretty when indented', () => {
    expect(formatValue({ a: [1, 2] }, 0, 100)).to.equal('{"a":[1,2]}');
    expect(formatValue({ a: 1 }, 2, 100)).to.equal('{\n  "a": 1\n}');
  });

  it('cuts long text and says how much was left out', () => {
    expect(formatValue('x'.repeat(50), 0, 10)).to.equal('"xxxxxxxxx… (42 more characters)');
  });

  it('describes values JSON cannot encode instead of throwing', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(formatValue(cyclic, 0, 200)).to.match(/^\[not serialisable: /);
    expect(formatValue({ big: 10n, tags: new Set(['a']) }, 0, 200)).to.equal('{"big":"10n","tags":["a"]}');
    expect(formatValue(undefined, 0, 200)).to.equal('undefined');
  });
});
