import { afterEach, describe, expect, it, vi } from "vitest";
import { metric } from "./metric";

describe("a metric", () => {
  afterEach(() => vi.restoreAllMocks());

  it("is one line of CloudWatch Embedded Metric Format, with the stage as a dimension", () => {
    const write = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    metric("NoticeDead", 2, { template: "termination-approved" });
    const [line] = write.mock.calls[0]!;
    expect(String(line).endsWith("\n")).toBe(true);
    const parsed = JSON.parse(String(line));
    expect(parsed).toMatchObject({
      _aws: { CloudWatchMetrics: [{ Namespace: "TESTEX", Dimensions: [["stage", "template"]], Metrics: [{ Name: "NoticeDead", Unit: "Count" }] }] },
      stage: "test",
      template: "termination-approved",
      NoticeDead: 2,
    });
    expect(typeof parsed._aws.Timestamp).toBe("number");
  });
});
