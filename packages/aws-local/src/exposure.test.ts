import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { addressesAnswering, externalAddresses, isLoopback, listeningSockets } from "./exposure";
import { freePort } from "./process";

const servers: Server[] = [];
const listen = async (host: string) => {
  const port = await freePort();
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return port;
};
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

describe("the listening sockets of a process", () => {
  it("name the address each port is bound to, so one bound to every interface stands out", async () => {
    const everywhere = await listen("0.0.0.0");
    const loopback = await listen("127.0.0.1");
    const ipv6Everywhere = await listen("::");
    const sockets = listeningSockets([process.pid]);
    expect(sockets).toContainEqual({ pid: process.pid, address: "0.0.0.0", port: everywhere });
    expect(sockets).toContainEqual({ pid: process.pid, address: "127.0.0.1", port: loopback });
    expect(sockets).toContainEqual({ pid: process.pid, address: "::", port: ipv6Everywhere });
    expect(sockets.filter((socket) => socket.port !== loopback).every((socket) => !isLoopback(socket.address))).toBe(true);
  });

  it("count 127.0.0.0/8, ::1 and IPv4-mapped 127.0.0.1 (Java's dual-stack sockets) as loopback, and nothing else", () => {
    expect(["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"].every(isLoopback)).toBe(true);
    expect(["0.0.0.0", "::", "192.0.2.2", "::ffff:192.0.2.2", "fd00::1"].some(isLoopback)).toBe(false);
  });
});

describe.skipIf(externalAddresses().length === 0)("the machine's other addresses", () => {
  it("reach a port bound to every interface, and not one bound to 127.0.0.1", async () => {
    expect(await addressesAnswering(await listen("0.0.0.0"))).not.toEqual([]);
    expect(await addressesAnswering(await listen("127.0.0.1"))).toEqual([]);
  });
});
