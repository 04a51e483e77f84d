/**
 * Who may decide terminations, as the stage's identity lists them: the
 * members of its Cognito user pool's approving groups, or the people its
 * settings name (an external issuer's mapping, the local provider's people).
 * Callers see only this interface; the stage's settings choose who answers.
 */
import { can, type Role } from "../access";
import { settings, type NamedApprover, type Settings } from "../config";

export interface ApproverDirectory {
  /** Everyone who may approve, by name where the identity knows it; rejects when the directory cannot be read. */
  approvers(): Promise<NamedApprover[]>;
}

/** The issuer's groups whose role may approve, with that role. */
export const approvingGroups = (roles: Record<string, Role>) =>
  Object.entries(roles)
    .filter(([, role]) => can({ id: "", roles: [role] }, "approve"))
    .map(([group, role]) => ({ group, role }));

/** The stage's directory: its user pool when the settings name one, else the people the settings list. */
export async function approverDirectory(stage: Settings = settings()): Promise<ApproverDirectory> {
  const source = stage.approverDirectory;
  if (source?.kind === "cognito-user-pool") {
    // The SDK loads only on stages whose identity is a user pool.
    const { userPoolGroups } = await import("./cognito");
    return userPoolGroups(source.userPoolId, approvingGroups(stage.oidc.roles).map(({ group }) => group));
  }
  return { approvers: async () => stage.approvers ?? [] };
}
