// The Prometheus remote-write 1.0 body: a `prometheus.WriteRequest` protobuf message (the subset of
// prompb/remote.proto and types.proto that carries float samples), block-compressed with snappy, as
// the spec requires. protobufjs encodes from the schema below (no generated code to keep in sync);
// `decodeWriteRequest` is the same schema read back, for tests and for anyone debugging a push.
// Runs in: Node (runner main thread).
import protobuf from 'protobufjs';
import { compressSync, uncompressSync } from 'snappy';
import type { PromSeries } from './series-aggregator.ts';

/** prompb field numbers; fields the output never sets (exemplars, histograms, metadata) are left out. */
const schema = protobuf.Root.fromJSON({
  nested: {
    prometheus: {
      nested: {
        WriteRequest: { fields: { timeseries: { rule: 'repeated', type: 'TimeSeries', id: 1 } } },
        TimeSeries: {
          fields: {
            labels: { rule: 'repeated', type: 'Label', id: 1 },
            samples: { rule: 'repeated', type: 'Sample', id: 2 },
          },
        },
        Label: { fields: { name: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
        Sample: { fields: { value: { type: 'double', id: 1 }, timestamp: { type: 'int64', id: 2 } } },
      },
    },
  },
});
const WriteRequest = schema.lookupType('prometheus.WriteRequest');

/** Request headers of the remote-write 1.0 protocol. */
export const REMOTE_WRITE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Encoding': 'snappy',
  'Content-Type': 'application/x-protobuf',
  'X-Prometheus-Remote-Write-Version': '0.1.0',
};

/** The snappy-compressed WriteRequest of `series` (one sample each). */
export function encodeWriteRequest(series: readonly PromSeries[]): Buffer {
  const message = WriteRequest.fromObject({
    timeseries: series.map((s) => ({
      labels: s.labels.map(([name, value]) => ({ name, value })),
      samples: [{ value: s.value, timestamp: s.timestampMs }],
    })),
  });
  return compressSync(WriteRequest.encode(message).finish());
}

export interface DecodedSeries {
  labels: Record<string, string>;
  samples: { value: number; timestamp: number }[];
}

/** A compressed body back into plain objects (labels as a record; int64 timestamps as numbers). */
export function decodeWriteRequest(body: Uint8Array): DecodedSeries[] {
  const plain = WriteRequest.toObject(WriteRequest.decode(uncompressSync(body) as Buffer), {
    longs: Number,
    defaults: true,
  }) as { timeseries: { labels: { name: string; value: string }[]; samples: DecodedSeries['samples'] }[] };
  return plain.timeseries.map((ts) => ({
    labels: Object.fromEntries(ts.labels.map((l) => [l.name, l.value])),
    samples: ts.samples,
  }));
}
