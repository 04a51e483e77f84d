import { useQuery } from "@tanstack/react-query";
import { useCan } from "../me";
import { money } from "../parts/format";
import { Loaded } from "../parts/status";
import { admin } from "../queries";

/** The stage's termination policy, read only: it changes with a deployment of the stage's settings. */
export default function Policy() {
  const isAdmin = useCan("admin");
  const policy = useQuery({ ...admin.policy(), enabled: isAdmin });
  if (!isAdmin) return <p>This page is for admins.</p>;
  return (
    <>
      <h1>Termination policy</h1>
      <p>Read only: the stage's settings say this, and a deployment changes it.</p>
      <Loaded query={policy} what="the policy">
        {(p) => (
          <>
            <section aria-labelledby="thresholds">
              <h2 id="thresholds">Approvals by value</h2>
              <div className="scroll">
                <table>
                  <caption className="visually-hidden">Approval thresholds per currency</caption>
                  <thead>
                    <tr>
                      <th scope="col">Currency</th>
                      <th scope="col" className="number">
                        One approver from
                      </th>
                      <th scope="col" className="number">
                        Two approvers from
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.thresholds.map((t) => (
                      <tr key={t.currency}>
                        <td>{t.currency}</td>
                        <td className="number">{money(t.one, t.currency)}</td>
                        <td className="number">{money(t.two, t.currency)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p>Approvers are reminded of a request that has waited more than {p.remind_after_days} days.</p>
            </section>
            <section aria-labelledby="reasons">
              <h2 id="reasons">Reasons</h2>
              <ul className="list" aria-label="Reasons">
                {p.reasons.map((r) => (
                  <li key={r.code}>
                    <span>
                      <strong>{r.label}</strong> ({r.code}){r.short_notice ? ": may end the contract before its notice period" : ""}
                      {r.comment_required ? "; needs notes saying why" : ""}
                      {r.end_of_term ? "; takes effect on the term's last day" : ""}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
            <section aria-labelledby="approvers">
              <h2 id="approvers">Who approves</h2>
              <p>Members of {p.approvers.groups.map((g) => `${g.group} (${g.role})`).join(", ") || "no group"}, never on their own request.</p>
              <p>Approval requests go to each of them by name; when none can be named, to {p.approvers.fallback_emails.join(", ") || "nobody"}.</p>
            </section>
          </>
        )}
      </Loaded>
    </>
  );
}
