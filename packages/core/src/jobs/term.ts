import * as Term from "../term";
import { schedule } from "../effects/registry";

// Contracts past their end date: NONE expires, AUTO renews.
schedule(20, {
  name: "expiries and renewals",
  run: async (day) => {
    const done = await Term.settleDue(day);
    return { expired: done.filter((a) => a.action === "expire").length, renewed: done.filter((a) => a.action === "renew").length };
  },
  plan: (day) => Term.settleDue(day, { dryRun: true }),
});

// Notice deadlines and end dates coming up, to the contract's owner.
schedule(30, {
  name: "term reminders",
  run: async (day) => (await Term.sendReminders(day)).queued,
  plan: async (day) =>
    (await Term.sendReminders(day, { dryRun: true })).due.map(({ contract_id, to, props }) => ({ contract_id, to, kind: props.kind, due_date: props.due_date, days_left: props.days_left })),
});
