import { lookup } from 'node:dns/promises';
import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';

/** Where a finished recording goes: Kazoo's recording `url`, with its method. */
export interface RecordingUpload {
  url: string;
  method: 'put' | 'post';
}

export interface UploadOutcome {
  ok: boolean;
  /** The HTTP status, or 0 when none came. */
  status: number;
  message: string;
}

const privateRanges = new BlockList();
for (const [network, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['224.0.0.0', 3]] as const) {
  privateRanges.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [['::', 127], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) privateRanges.addSubnet(network, prefix, 'ipv6');

/**
 * Sends a finished recording to the customer's server by HTTP PUT (or POST), the body
 * being the file as the media server wrote it (Kazoo's recording.md). Like every request
 * a customer's data points somewhere, it is kept out of our own networks unless
 * `-recording_upload_allow_private`, checked on the address connected to.
 */
export class RecordingUploader {
  constructor(private readonly options: { allowPrivate: boolean; timeoutMs: number }) {}

  async upload(path: string, format: string, target: RecordingUpload): Promise<UploadOutcome> {
    let body: Buffer;
    try {
      body = await readFile(path);
    } catch (error) {
      return { ok: false, status: 0, message: `the recording file ${path} cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
    }
    const url = new URL(target.url);
    let address: string;
    try {
      address = await this.addressOf(url.hostname);
    } catch (error) {
      return { ok: false, status: 0, message: error instanceof Error ? error.message : String(error) };
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers = { 'content-type': format === 'mp3' ? 'audio/mpeg' : 'audio/wav', 'content-length': String(body.length), 'user-agent': 'voxmesh-call-manager' };
    return new Promise<UploadOutcome>((resolve) => {
      const outgoing = send(url, { method: target.method.toUpperCase(), headers, lookup: (_host, _options, callback) => callback(null, address, isIP(address)), timeout: this.options.timeoutMs }, (response) => {
        response.resume();
        const status = response.statusCode ?? 0;
        resolve({ ok: status >= 200 && status < 300, status, message: `the server answered ${status}` });
      });
      outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${this.options.timeoutMs} ms`)));
      outgoing.on('error', (error: NodeJS.ErrnoException) => resolve({ ok: false, status: 0, message: error.code ?? error.message }));
      outgoing.end(body);
    });
  }

  /** The address to connect to, refused when private and not allowed. */
  private async addressOf(hostname: string): Promise<string> {
    const host = hostname.replace(/^\[|\]$/g, '');
    const address = isIP(host) !== 0 ? host : (await lookup(host)).address;
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (!this.options.allowPrivate && privateRanges.check(address, family)) {
      throw new Error(`${hostname} is a private address; start call-manager with -recording_upload_allow_private to allow it`);
    }
    return address;
  }
}
