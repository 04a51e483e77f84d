import * as File from "../file";
import { schedule } from "../effects/registry";

// Uploads whose S3 event never arrived (or kept failing): checked now, or expired.
schedule(60, { name: "pending uploads", run: () => File.reconcilePending() });
