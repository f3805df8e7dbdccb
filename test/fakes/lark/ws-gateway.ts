import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import protobuf from 'protobufjs';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { hex } from '../../../src/local/lark/crypto.js';
import type { FakeLark } from '../../../src/local/lark/server.js';

/** pbbp2 as the SDK bundles it (node-sdk:ws-client/proto-buf). */
const PROTO = `
syntax = "proto2";
package pbbp2;
message Header { required string key = 1; required string value = 2; }
message Frame {
  required uint64 SeqID = 1; required uint64 LogID = 2; required int32 service = 3; required int32 method = 4;
  repeated Header headers = 5; optional string payload_encoding = 6; optional string payload_type = 7;
  optional bytes payload = 8; optional string LogIDNew = 9;
}`;
const FrameType = protobuf.parse(PROTO).root.lookupType('pbbp2.Frame');

const SERVICE_ID = 77;
const METHOD_CONTROL = 0;
const METHOD_DATA = 1;
/** Seconds, as Lark sends them; long enough that no ping timer fires during a test. */
const CLIENT_CONFIG = { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 120, ReconnectNonce: 30 };

interface Frame {
  /** uint64: a number when we encode, a Long when decoded; never read. */
  SeqID: unknown;
  LogID: unknown;
  service: number;
  method: number;
  headers: { key: string; value: string }[];
  payload?: Uint8Array;
}

export interface WsAck {
  /** 200 when the handler returned, 500 when it threw. */
  code: number;
  /** The handler's return value (decoded from the ACK's base64 JSON), if any. */
  data?: unknown;
  /** The ACK's headers (the SDK adds `biz_rt`). */
  headers: Record<string, string>;
}

/**
 * A fake of Lark's long-connection gateway (lark-notes §1.8), served on the FakeLark port: endpoint
 * discovery at POST /callback/ws/endpoint, then protobuf `pbbp2.Frame`s over a WebSocket at /ws.
 * It answers pings, pushes events as `type=event` data frames and hands back the client's ACK.
 */
export class FakeLarkGateway {
  /** Endpoint discovery requests, as received. */
  readonly discoveries: { AppID?: string; AppSecret?: string }[] = [];
  /** Pings received from clients. */
  pings = 0;

  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();
  private readonly pending = new Map<string, { resolve(ack: WsAck): void; reject(err: Error): void; timer: NodeJS.Timeout }>();
  private readonly waiters: (() => void)[] = [];
  /** A socket counts as ready once its first ping arrived: the SDK attaches its frame handler only after `open`. */
  private readonly ready = new Set<WebSocket>();
  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/ws') {
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  };
  private seq = 0;

  constructor(private readonly fake: FakeLark) {
    const server = fake.httpServer;
    if (!server) throw new Error('start the FakeLark before creating its gateway');
    fake.extraRoutes = (r) => (r.method === 'POST' && r.path === '/callback/ws/endpoint' ? this.discover(r.body) : undefined);
    server.on('upgrade', this.onUpgrade);
  }

  /** Resolves once a client has connected and is ready for frames. */
  connected(timeoutMs = 10_000): Promise<void> {
    if (this.ready.size) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(done), 1);
        reject(new Error(`no long-connection client within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push(done);
    });
  }

  /** Pushes an unencrypted v2 envelope as one event frame and resolves with the client's ACK. */
  async pushEvent(envelope: Record<string, unknown>, timeoutMs = 5000): Promise<WsAck> {
    // Cluster mode gives each event to one connection; the newest one is as good as any.
    const ws = [...this.ready].at(-1);
    if (!ws) throw new Error('no long-connection client is connected');
    const messageId = `msg_${hex(12)}`;
    const frame: Frame = {
      SeqID: ++this.seq,
      LogID: 0,
      service: SERVICE_ID,
      method: METHOD_DATA,
      headers: [
        { key: 'type', value: 'event' },
        { key: 'message_id', value: messageId },
        { key: 'sum', value: '1' },
        { key: 'seq', value: '0' },
        { key: 'trace_id', value: hex(8) },
      ],
      payload: Buffer.from(JSON.stringify(envelope), 'utf8'),
    };
    return new Promise<WsAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(messageId);
        reject(new Error(`no ACK for ${messageId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(messageId, { resolve, reject, timer });
      ws.send(encode(frame), (err) => {
        if (!err) return;
        clearTimeout(timer);
        this.pending.delete(messageId);
        reject(err);
      });
    });
  }

  /** Drops every client and detaches from the FakeLark (call before FakeLark.stop(): upgraded sockets keep its server open). */
  async close(): Promise<void> {
    this.fake.httpServer?.off('upgrade', this.onUpgrade);
    this.fake.extraRoutes = undefined;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new Error('gateway closed'));
    }
    this.pending.clear();
    for (const ws of this.sockets) ws.terminate();
    this.sockets.clear();
    this.ready.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private discover(body: unknown): { status: number; body: unknown } {
    const b = (body ?? {}) as { AppID?: string; AppSecret?: string };
    this.discoveries.push(b);
    if (b.AppID !== this.fake.appId || b.AppSecret !== this.fake.appSecret) {
      // 514 is auth_failed: the SDK treats it as fatal and stops retrying.
      return { status: 200, body: { code: 514, msg: 'auth failed', data: {} } };
    }
    const port = new URL(this.fake.url).port;
    return {
      status: 200,
      body: {
        code: 0,
        msg: 'ok',
        // The SDK runs querystring.parse on the whole URL: device_id must not be the first parameter.
        data: { URL: `ws://127.0.0.1:${port}/ws?fpid=1&device_id=dev1&service_id=${SERVICE_ID}&ticket=t`, ClientConfig: CLIENT_CONFIG },
      },
    };
  }

  private accept(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('message', (data: RawData) => this.receive(ws, data));
    ws.on('close', () => {
      this.sockets.delete(ws);
      this.ready.delete(ws);
    });
    ws.on('error', () => ws.terminate());
  }

  private receive(ws: WebSocket, data: RawData): void {
    const frame = FrameType.decode(toBuffer(data)) as unknown as Frame;
    const headers = Object.fromEntries(frame.headers.map((h) => [h.key, h.value]));
    if (frame.method === METHOD_CONTROL && headers.type === 'ping') {
      this.pings++;
      ws.send(
        encode({
          SeqID: 0,
          LogID: 0,
          service: frame.service,
          method: METHOD_CONTROL,
          headers: [{ key: 'type', value: 'pong' }],
          payload: Buffer.from(JSON.stringify(CLIENT_CONFIG), 'utf8'),
        }),
      );
      if (!this.ready.has(ws)) {
        this.ready.add(ws);
        for (const done of this.waiters.splice(0)) done();
      }
      return;
    }
    if (frame.method === METHOD_DATA) {
      const p = headers.message_id ? this.pending.get(headers.message_id) : undefined;
      if (!p) return;
      this.pending.delete(headers.message_id!);
      clearTimeout(p.timer);
      const ack = JSON.parse(Buffer.from(frame.payload ?? []).toString('utf8')) as { code: number; data?: string };
      p.resolve({
        code: ack.code,
        ...(ack.data !== undefined ? { data: JSON.parse(Buffer.from(ack.data, 'base64').toString('utf8')) as unknown } : {}),
        headers,
      });
    }
  }
}

function encode(frame: Frame): Uint8Array {
  return FrameType.encode(FrameType.create(frame)).finish();
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
