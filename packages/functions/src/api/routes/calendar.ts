import { Hono } from "hono";
import * as v from "valibot";
import { Calendar } from "@testex/core";
import { operation } from "../operation";
import type { AppEnv } from "../types";

const tag = "Calendar";

/** The caller's own feed address: made (or replaced) and revoked with their token. */
export const myCalendar = new Hono<AppEnv>()
  .post(
    "/",
    operation({
      tag,
      summary: "A secret address of your deadline calendar (iCalendar) to subscribe to; a new one revokes the one before",
      description:
        "The address is shown this once: anyone who has it reads your calendar, so ask again (the old one stops answering) if it leaks. " +
        `The feed holds the notice deadlines (with a reminder ${Calendar.REMINDER_DAYS} days before) and end dates of the running contracts you own, ` +
        "and the effective dates of open terminations you requested; approvers and admins also see those awaiting approval. " +
        "What your roles allow is read when you ask for the address.",
      access: "read",
      responses: { 201: Calendar.FeedLink },
    }),
    async (c) => c.json(await Calendar.issue(new URL(c.req.url).origin), 201),
  )
  .delete(
    "/",
    operation({ tag, summary: "Revoke your calendar address: it stops answering (nothing to do when you have none)", access: "read", responses: { 204: null } }),
    async (c) => {
      await Calendar.revoke();
      return c.body(null, 204);
    },
  );

const FeedParams = v.object({ secret: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}\.ics$/, "Not a calendar address")) });

/** The feed itself: calendars cannot send a token, so the secret in the address is the credential. */
export const calendarFeed = new Hono<AppEnv>().get(
  "/:secret",
  operation({
    tag,
    summary: "A person's deadline calendar (RFC 5545), found by the secret in its address",
    description: "All-day events with stable UIDs, each linking to the contract in the console. A replaced or revoked address answers 404.",
    access: "public",
    params: FeedParams,
    responses: { 200: v.string() },
    mediaType: "text/calendar",
    errors: ["route.not_found"],
  }),
  async (c) =>
    c.body(await Calendar.feed(c.req.param("secret")!.replace(/\.ics$/, "")), 200, {
      "content-type": "text/calendar; charset=utf-8",
      // Personal: no shared cache keeps it.
      "cache-control": "private, max-age=900",
    }),
);
