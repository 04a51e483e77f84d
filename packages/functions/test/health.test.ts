import { HeadBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { describe, expect, it } from "vitest";
import { call } from "#test/api";

describe("GET /health", () => {
  // Fault injection: S3 cannot be made to time out on demand; the first answer is reused for 5 s, so this is the only call.
  it("answers 503 and names the check when a dependency does not answer in time", async () => {
    const s3 = mockClient(S3Client);
    s3.on(HeadBucketCommand).callsFake(() => new Promise(() => {}));
    try {
      const reply = await call("GET", "/health");
      expect(reply.status).toBe(503);
      expect(reply.body).toEqual({
        status: "degraded",
        checks: { table: "ok", files: "timeout", archives: "timeout", backups: "timeout", mail: "ok" },
      });
    } finally {
      s3.restore();
    }
  });
});
