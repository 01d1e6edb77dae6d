// A raw HTTP client for the inspector's tests: unlike fetch, it lets a test set Host, Origin and
// Sec-Fetch-Site as a browser or an attacker would.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface RawRequestOptions {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Sends one request to `url` (path and query included) and reads the whole answer. */
export function send(url: string, options: RawRequestOptions = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      { method: options.method ?? 'GET', headers: options.headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end();
  });
}

/** Sends a request with the token as a bearer header and parses the JSON answer. */
export async function getJson<TBody>(base: string, token: string | undefined, path: string): Promise<TBody> {
  const response = await send(`${base}${path}`, {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${response.body}`);
  return JSON.parse(response.body) as TBody;
}

/** The origin of an inspector URL, without path or token: `http://127.0.0.1:1234`. */
export function originOf(url: string): string {
  return new URL(url).origin;
}

/** Reads Server-Sent Events from `url` until `until` returns true for the text so far, or the deadline passes. */
export function readEventStream(
  url: string,
  headers: Readonly<Record<string, string>>,
  until: (text: string) => boolean,
  deadlineMs = 5000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => {
      request.destroy();
      reject(
        new Error(
          `the stream did not deliver the expected data within ${deadlineMs} ms; got:\n${text.slice(0, 2000)}`,
        ),
      );
    }, deadlineMs);
    const request = httpRequest(url, { headers }, (response) => {
      if (response.statusCode !== 200) {
        clearTimeout(timer);
        reject(new Error(`stream answered ${response.statusCode}`));
        return;
      }
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
        if (until(text)) {
          clearTimeout(timer);
          request.destroy();
          resolve(text);
        }
      });
    });
    request.on('error', (error) => {
      if (!request.destroyed) reject(error);
    });
    request.end();
  });
}
