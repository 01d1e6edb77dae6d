import { expect } from 'chai';
import { describeError } from '../../../src/inspector/views/describe-error.js';

describe('describeError()', () => {
  it('keeps the name, message and stack of an Error', () => {
    const view = describeError(new TypeError('bad input'));
    expect(view).to.include({ name: 'TypeError', message: 'bad input' });
    expect(view.stack).to.include('TypeError: bad input');
  });

  it('describes a thrown non-error by its type and text', () => {
    expect(describeError('timeout')).to.deep.equal({ name: 'string', message: 'timeout' });
  });

  it('never throws, even for a value whose conversion to text throws', () => {
    const hostile = {
      toString() {
        throw new Error('no');
      },
    };
    expect(describeError(hostile)).to.have.property('message').that.is.a('string');
  });
});
