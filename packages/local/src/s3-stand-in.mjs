// s3rver run as a library, so its S3 event records (which its CLI drops) reach
// the parent over IPC, the way S3 notifications reach the File Handler in AWS.
// Plain JavaScript: it starts with bare node, without a TypeScript loader.
import S3rver from "s3rver";

const [directory, port] = process.argv.slice(2);
const server = new S3rver({ directory, address: "127.0.0.1", port: Number(port), silent: true, vhostBuckets: false });
server.on("event", (event) => process.send?.({ type: "s3-event", event }));
await server.run();
// Without its parent nobody needs it.
process.on("disconnect", () => process.exit(0));
