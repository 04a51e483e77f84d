import { handle } from "hono/aws-lambda";
import { app } from "./app";
import { deliverExportsAsLinks } from "./export";

deliverExportsAsLinks();

export const handler = handle(app);
