/**
 * One HTTP attempt at a receiver: a POST that never follows a redirect,
 * connects only to addresses the stage allows (checked on the addresses the
 * connection uses), and gives up after the stage's timeout, so a slow
 * receiver holds only its own delivery.
 */
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { checkAddresses, checkForm, guardedLookup, hostOf } from "./target";

export interface Attempt {
  /** 2xx: delivered. */
  ok: boolean;
  status_code?: number;
  latency_ms: number;
  /** Why it failed, in words, when it did not answer 2xx. */
  error?: string;
}

export async function post(rawUrl: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<Attempt> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    const url = checkForm(rawUrl);
    // A name is checked by the connection's own lookup; an address written in the URL is never looked up.
    if (isIP(hostOf(url))) await checkAddresses(url);
    const status = await new Promise<number>((resolve, reject) => {
      const send = url.protocol === "https:" ? httpsRequest : httpRequest;
      const req = send(url, {
        method: "POST",
        lookup: guardedLookup,
        headers: { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body), "user-agent": "TESTEX-Webhooks/1" },
        timeout: timeoutMs,
      });
      const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on("response", (res) => {
        clearTimeout(timer);
        // The receiver's body is not ours to keep; read it away so the socket closes.
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      req.end(body);
    });
    const ok = status >= 200 && status < 300;
    return {
      ok,
      status_code: status,
      latency_ms: latency(),
      ...(ok ? {} : { error: status >= 300 && status < 400 ? `answered ${status}; redirects are not followed` : `answered ${status}` }),
    };
  } catch (error) {
    return { ok: false, latency_ms: latency(), error: error instanceof Error ? error.message.slice(0, 300) : String(error).slice(0, 300) };
  }
}
