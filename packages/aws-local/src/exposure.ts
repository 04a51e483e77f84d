import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { Socket } from "node:net";
import { networkInterfaces } from "node:os";

/** The machine's own addresses other than loopback: where another host could reach a port. */
export function externalAddresses(): string[] {
  return Object.entries(networkInterfaces()).flatMap(([name, addresses]) =>
    (addresses ?? [])
      .filter((address) => !address.internal)
      // A link-local IPv6 address is only reachable through its interface.
      .map((address) => (address.family === "IPv6" && address.address.startsWith("fe80:") ? `${address.address}%${name}` : address.address)),
  );
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
    socket.connect({ host, port });
  });
}

/** Which of the machine's non-loopback addresses accept a connection on `port`. */
export async function addressesAnswering(port: number): Promise<string[]> {
  const addresses = externalAddresses();
  const answers = await Promise.all(addresses.map((host) => accepts(host, port)));
  return addresses.filter((_, index) => answers[index]);
}

export interface ListeningSocket {
  pid: number;
  address: string;
  port: number;
}

/** `0100007F` (a 32-bit word as /proc/net prints it: host byte order, little-endian here) → its 4 bytes in network order. */
const wordBytes = (hex: string) => [6, 4, 2, 0].map((at) => parseInt(hex.slice(at, at + 2), 16));

function procAddress(hex: string): string {
  if (hex.length === 8) return wordBytes(hex).join(".");
  const bytes = [0, 8, 16, 24].flatMap((at) => wordBytes(hex.slice(at, at + 8)));
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return `::ffff:${bytes.slice(12).join(".")}`;
  const groups = Array.from({ length: 8 }, (_, i) => ((bytes[2 * i]! << 8) | bytes[2 * i + 1]!).toString(16));
  return groups.join(":").replace(/(^|:)0(:0)+(:|$)/, "::");
}

export const isLoopback = (address: string): boolean => /^127\./.test(address) || address === "::1" || /^::ffff:127\./.test(address);

/** Every TCP socket in LISTEN state that one of `pids` holds, read from Linux's /proc. */
export function listeningSockets(pids: number[]): ListeningSocket[] {
  const owner = new Map<string, number>();
  for (const pid of pids) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone
    }
    for (const fd of fds) {
      try {
        const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
        if (inode) owner.set(inode, pid);
      } catch {
        // closed meanwhile
      }
    }
  }
  return ["/proc/net/tcp", "/proc/net/tcp6"].flatMap((table) =>
    readFileSync(table, "utf8")
      .split("\n")
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((columns) => columns[3] === "0A" && owner.has(columns[9]!))
      .map((columns) => {
        const [address, port] = columns[1]!.split(":") as [string, string];
        return { pid: owner.get(columns[9]!)!, address: procAddress(address), port: parseInt(port, 16) };
      }),
  );
}
