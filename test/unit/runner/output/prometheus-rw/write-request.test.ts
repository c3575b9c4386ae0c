// The remote-write body: a snappy block holding a prometheus.WriteRequest, read back with the same
// libraries to check names, labels, values and timestamps survive the trip.
import protobuf from 'protobufjs';
import { uncompressSync } from 'snappy';
import { describe, expect, it } from 'vitest';
import {
  decodeWriteRequest,
  encodeWriteRequest,
  REMOTE_WRITE_HEADERS,
} from '../../../../../src/runner/output/prometheus-rw/write-request.ts';

const T = Date.UTC(2025, 0, 2, 3, 4, 5, 678);

describe('encodeWriteRequest', () => {
  it('round-trips names, labels, values and millisecond timestamps', () => {
    const body = encodeWriteRequest([
      {
        labels: [
          ['__name__', 'k6_http_reqs_total'],
          ['service', 'order-service'],
          ['status', '201'],
        ],
        value: 1234,
        timestampMs: T,
      },
      { labels: [['__name__', 'k6_http_req_duration_p99']], value: 0.4375, timestampMs: T + 1 },
    ]);
    expect(decodeWriteRequest(body)).toEqual([
      {
        labels: { __name__: 'k6_http_reqs_total', service: 'order-service', status: '201' },
        samples: [{ value: 1234, timestamp: T }],
      },
      { labels: { __name__: 'k6_http_req_duration_p99' }, samples: [{ value: 0.4375, timestamp: T + 1 }] },
    ]);
  });

  it('is a snappy block (not the framed format) of prompb field numbers', () => {
    const body = encodeWriteRequest([{ labels: [['__name__', 'k6_vus']], value: 2, timestampMs: T }]);
    const raw = uncompressSync(body) as Buffer;
    // A block starts with the uncompressed length as a varint; the framed format with 0xff "sNaPpY".
    expect(body[0]).toBe(raw.length);
    const reader = protobuf.Reader.create(raw);
    expect(reader.uint32()).toBe((1 << 3) | 2); // WriteRequest.timeseries = 1, length-delimited
    const ts = protobuf.Reader.create(reader.bytes());
    expect(ts.uint32()).toBe((1 << 3) | 2); // TimeSeries.labels = 1
    const label = protobuf.Reader.create(ts.bytes());
    expect(label.uint32()).toBe((1 << 3) | 2); // Label.name = 1
    expect(label.string()).toBe('__name__');
    expect(ts.uint32()).toBe((2 << 3) | 2); // TimeSeries.samples = 2
  });

  it("uses the remote-write 1.0 protocol's headers", () => {
    expect(REMOTE_WRITE_HEADERS).toEqual({
      'Content-Encoding': 'snappy',
      'Content-Type': 'application/x-protobuf',
      'X-Prometheus-Remote-Write-Version': '0.1.0',
    });
  });
});
