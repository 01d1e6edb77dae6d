import { expect } from 'chai';
import { createEventId } from '../../../src/core/events/event-id.js';

describe('createEventId()', () => {
  it('gives ids that never repeat, across the blocks that share a prefix', () => {
    // Over 36² * 3 ids, so the counter's higher digits change several times.
    const ids = Array.from({ length: 5000 }, () => createEventId());
    expect(new Set(ids).size).to.equal(ids.length);
  });

  it('counts up in base 36 after one process prefix, within 12 characters', () => {
    const [first, second] = [createEventId(), createEventId()] as [string, string];
    const prefix = first.slice(0, 7);
    expect(second.slice(0, 7)).to.equal(prefix);
    expect(Number.parseInt(second.slice(7), 36)).to.equal(Number.parseInt(first.slice(7), 36) + 1);
    expect(second).to.match(/^[\w-]{7}[0-9a-z]{2,5}$/);
  });
});
