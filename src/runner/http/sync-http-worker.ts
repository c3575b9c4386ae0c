// Entry of a VU thread's sync HTTP helper worker: runs each call's requests concurrently with
// sendRequest() on its own keep-alive Agent (createHttpAgent: the runner's dispatcher options,
// timings, timeouts and error codes), posts the reply on the call port, then bumps the shared
// reply counter and wakes the VU thread blocked in Atomics.wait. Runs in: sync HTTP helper worker.
import { workerData } from 'node:worker_threads';
import { createHttpAgent } from './http-agent.ts';
import { sendRequest } from './send-request.ts';
import {
  decodeRequest,
  encodeReply,
  HELPER_READY,
  REPLY_COUNTER,
  type SyncHttpCall,
  type SyncHttpWorkerData,
  signalHelperState,
} from './sync-http-wire.ts';

const { port, cell } = workerData as SyncHttpWorkerData;
const agent = createHttpAgent();

port.on('message', async (call: SyncHttpCall) => {
  const responses = await Promise.all(call.requests.map((r) => sendRequest(agent, decodeRequest(r))));
  const { message, transfer } = encodeReply(call.id, responses);
  // The reply is in the VU port's queue once postMessage returns; only then wake the VU.
  port.postMessage(message, transfer);
  Atomics.add(cell, REPLY_COUNTER, 1);
  Atomics.notify(cell, REPLY_COUNTER);
});

signalHelperState(cell, HELPER_READY);
