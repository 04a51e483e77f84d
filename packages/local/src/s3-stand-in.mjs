// s3rver run as a library, so its S3 event records (which its CLI drops) reach
// the parent over IPC, the way S3 notifications reach the File Handler in AWS.
// Plain JavaScript: it starts with bare node, without a TypeScript loader.
import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import S3rver from "s3rver";
import FilesystemStore from "s3rver/lib/stores/filesystem.js";

// S3 reads its own writes; s3rver 3.7.1 does not: it answers a PUT once its checksum stream
// ends, before the file is on disk, so a GET right after (a loaded machine makes it likely)
// reads an empty or partial object. Each object is written aside and renamed into place once
// complete: a reader sees the old object or the new one, never half of one. The draft's name
// does not end like an object's, so listings skip it.
FilesystemStore.prototype.putObject = async function putObject(object) {
  const objectPath = this.getResourcePath(object.bucket, object.key, "object");
  await mkdir(dirname(objectPath), { recursive: true });
  const draft = `${objectPath}.${randomUUID()}.draft`;
  const md5 = createHash("md5");
  let size = 0;
  const measure = new Transform({
    transform(chunk, _encoding, done) {
      md5.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  const content = Buffer.isBuffer(object.content) ? Readable.from([object.content]) : object.content;
  try {
    await pipeline(content, measure, createWriteStream(draft));
    await rename(draft, objectPath);
  } finally {
    await rm(draft, { force: true });
  }
  const digest = md5.digest("hex");
  await this.putMetadata(object.bucket, object.key, object.metadata, digest);
  return { size, md5: digest };
};

const [directory, port] = process.argv.slice(2);
const server = new S3rver({ directory, address: "127.0.0.1", port: Number(port), silent: true, vhostBuckets: false });
server.on("event", (event) => process.send?.({ type: "s3-event", event }));
await server.run();
// Without its parent nobody needs it.
process.on("disconnect", () => process.exit(0));
