// A peer's worker process: runs what the parent asks, one request at a time, and answers over IPC.
// Each peer has its own process so that nothing one peer switches on taxes another: AsyncLocalStorage
// installs promise hooks for the whole process on Node 20, and JIT feedback and garbage are per process.
import { findPeer } from '../peers/all-peers.js';
import { checkConformance } from './conformance.js';
import { measureLatency } from './latency.js';
import { measureThroughput } from './throughput.js';
import type { Figure, WorkerReply, WorkerRequest } from './worker-protocol.js';

const peer = await findPeer(process.argv[2] ?? '');

async function handle(request: WorkerRequest): Promise<Figure> {
  switch (request.kind) {
    case 'conformance':
      await checkConformance(peer);
      return { value: 0 };
    case 'throughput': {
      const figures = await measureThroughput(peer, request.spec);
      return { value: request.clock === 'cpu' ? figures.cpuNs : figures.wallNs, details: { ...figures } };
    }
    case 'latency': {
      const figures = await measureLatency(peer, request.spec);
      return { value: figures.p99Us, details: { ...figures } };
    }
  }
}

// Requests arrive one at a time (the parent waits for each answer), so runs never overlap.
process.on('message', (request: WorkerRequest) => {
  handle(request).then(
    (figure) => reply({ id: request.id, ok: true, figure }),
    (error: unknown) =>
      reply({
        id: request.id,
        ok: false,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      }),
  );
});
process.on('disconnect', () => process.exit(0));
reply({ id: 0, ok: true, figure: { value: 0 } });

function reply(message: WorkerReply): void {
  process.send?.(message);
}
