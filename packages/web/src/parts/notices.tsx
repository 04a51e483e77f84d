import { useQuery } from "@tanstack/react-query";
import { contract } from "../queries";
import { moment, words } from "./format";
import { Loaded } from "./status";

/** The notices sent (or being sent) about the contract, and how far each got. */
export function Notices({ contractId }: { contractId: string }) {
  const notices = useQuery(contract.notices(contractId));
  return (
    <Loaded query={notices} what="the notices">
      {({ items }) =>
        items.length === 0 ? (
          <p>No notices yet.</p>
        ) : (
          <table>
            <caption className="visually-hidden">Notices</caption>
            <thead>
              <tr>
                <th scope="col">Notice</th>
                <th scope="col">To</th>
                <th scope="col">Status</th>
                <th scope="col">Last change</th>
              </tr>
            </thead>
            <tbody>
              {items.map((notice) => (
                <tr key={notice.notification_id}>
                  <td>{words(notice.template.replace(/-/g, "_"))}</td>
                  <td>{notice.to.join(", ")}</td>
                  <td>{words(notice.status)}</td>
                  <td>{moment(notice.sent_at ?? notice.updated_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      }
    </Loaded>
  );
}
