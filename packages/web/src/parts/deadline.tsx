import { day, today } from "./format";

/** A running contract's notice deadline, said to be missed once it has passed. */
export function Deadline({ contract }: { contract: { status: string; notice_deadline?: string } }) {
  if (!contract.notice_deadline) return <>—</>;
  const missed = contract.notice_deadline < today() && (contract.status === "ACTIVE" || contract.status === "SUSPENDED");
  return (
    <>
      {day(contract.notice_deadline)}
      {missed && <strong className="missed"> (missed)</strong>}
    </>
  );
}
