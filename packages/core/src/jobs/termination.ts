import * as Termination from "../termination";
import { schedule } from "../effects/registry";

async function dueTerminations(day: string) {
  const due: { termination_id: string; contract_id: string; effective_date: string }[] = [];
  let cursor: string | undefined;
  do {
    const page = await Termination.list({ status: "SCHEDULED", effective_before: day, limit: "100", cursor });
    due.push(...page.items.map(({ termination_id, contract_id, effective_date }) => ({ termination_id, contract_id, effective_date })));
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return due;
}

// Approved terminations whose effective date has come (first: a contract that ends is neither renewed nor reminded of).
schedule(10, { name: "due terminations", run: (day) => Termination.completeDue(day), plan: dueTerminations });

// Termination requests waiting too long for an approver.
schedule(40, {
  name: "approval reminders",
  run: async (day) => (await Termination.remindApprovers(day)).reminded,
  plan: async (day) =>
    (await Termination.remindApprovers(day, { dryRun: true })).due.map(({ contract_id, to, props }) => ({ contract_id, to, waiting_days: props.waiting_days })),
});
