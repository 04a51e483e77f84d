import { SendEmailCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "./process";
import { startSes } from "./stand-ins";

const inboxOf = async (endpoint: string) => ((await (await fetch(`${endpoint}/store`)).json()) as { emails: { subject: string }[] }).emails;

describe("the SES stand-in's inbox", () => {
  const dir = mkdtempSync(join(tmpdir(), "testex-inbox-"));
  const file = join(dir, "mail.jsonl");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is where it was after a restart, and private to its user", async () => {
    const port = await freePort();
    const first = await startSes(port, file);
    const ses = new SESv2Client({ endpoint: first.endpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: "noreply@example.com",
        Destination: { ToAddresses: ["someone@example.com"] },
        Content: { Simple: { Subject: { Data: "Kept across restarts" }, Body: { Text: { Data: "Hello" } } } },
      }),
    );
    await first.stop();

    const second = await startSes(port, file);
    try {
      expect((await inboxOf(second.endpoint)).map((mail) => mail.subject)).toEqual(["Kept across restarts"]);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    } finally {
      await second.stop();
    }
  });
});
