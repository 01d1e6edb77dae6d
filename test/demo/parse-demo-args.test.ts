import { expect } from 'chai';
import { InvalidOptionsError } from '../../src/core/index.js';
import { parseDemoArgs } from '../../src/demo/parse-demo-args.js';

describe('parseDemoArgs()', () => {
  it('runs the day when given no flags', () => {
    expect(parseDemoArgs([])).to.deep.equal({ help: false });
  });

  it('asks for the usage with --help or -h', () => {
    expect(parseDemoArgs(['--help'])).to.deep.equal({ help: true });
    expect(parseDemoArgs(['-h'])).to.deep.equal({ help: true });
  });

  it('rejects a flag it does not know, naming it', () => {
    expect(() => parseDemoArgs(['--bogus'])).to.throw(InvalidOptionsError, '"--bogus"');
  });

  it('reads --inspect, --inspect-port and --redis, with the value apart or after "="', () => {
    expect(parseDemoArgs(['--inspect', '--inspect-port', '8765'])).to.deep.equal({
      help: false,
      inspect: true,
      inspectPort: 8765,
    });
    expect(parseDemoArgs(['--redis', 'redis://127.0.0.1:6379'])).to.deep.equal({
      help: false,
      redisUrl: 'redis://127.0.0.1:6379',
    });
    expect(parseDemoArgs(['--redis=redis://127.0.0.1:6380/2'])).to.deep.equal({
      help: false,
      redisUrl: 'redis://127.0.0.1:6380/2',
    });
  });

  it('rejects a flag without its value or with a value it cannot use', () => {
    expect(() => parseDemoArgs(['--redis'])).to.throw(InvalidOptionsError, /needs a value/);
    expect(() => parseDemoArgs(['--redis', '--inspect'])).to.throw(InvalidOptionsError, /needs a value/);
    expect(() => parseDemoArgs(['--redis', 'localhost:6379'])).to.throw(
      InvalidOptionsError,
      /redis:\/\/ URL/,
    );
    expect(() => parseDemoArgs(['--inspect-port', '70000'])).to.throw(InvalidOptionsError, /port number/);
  });
});
