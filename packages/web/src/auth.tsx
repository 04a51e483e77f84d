import { UserManager, WebStorageStateStore, type User } from "oidc-client-ts";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { config } from "./config";

/** Sign-in with the stage's issuer: authorization code + PKCE, the session kept for this tab only. */
export const userManager = new UserManager({
  authority: config.issuer,
  client_id: config.clientId,
  redirect_uri: `${window.location.origin}/callback`,
  post_logout_redirect_uri: `${window.location.origin}/`,
  response_type: "code",
  scope: "openid profile email",
  userStore: new WebStorageStateStore({ store: window.sessionStorage }),
});

/** Where sign-in returns to: the page the person opened (a link in a notice), not the home page. */
interface SignInState {
  returnTo: string;
}

export const signIn = (returnTo = `${window.location.pathname}${window.location.search}`) =>
  userManager.signinRedirect({ state: { returnTo } satisfies SignInState });

export async function signOut() {
  const user = await userManager.getUser();
  await userManager.removeUser();
  // Issuers that publish an end-session endpoint end their session too; Cognito's logout is not OIDC's, so the local sign-out is what holds.
  const endSession = await userManager.metadataService.getEndSessionEndpoint().catch(() => undefined);
  if (endSession && user) await userManager.signoutRedirect({ id_token_hint: user.id_token });
  else window.location.assign("/");
}

/** Finishes a sign-in at /callback and says where to go next. */
export async function completeSignIn(): Promise<string> {
  const user = await userManager.signinRedirectCallback();
  const state = user.state as SignInState | undefined;
  return state?.returnTo?.startsWith("/") && !state.returnTo.startsWith("//") ? state.returnTo : "/";
}

/**
 * The token the API receives. The ID token carries the person's name and
 * e-mail (the audit trail shows them) and the groups claim, and names the
 * console's client as its audience.
 */
export const bearer = async () => {
  const user = await userManager.getUser();
  return user && !user.expired ? user.id_token : undefined;
};

const UserContext = createContext<User | null | undefined>(undefined);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    userManager.getUser().then((found) => live && setUser(found && !found.expired ? found : null));
    const loaded = (next: User) => setUser(next);
    const gone = () => setUser(null);
    userManager.events.addUserLoaded(loaded);
    userManager.events.addUserUnloaded(gone);
    userManager.events.addAccessTokenExpired(gone);
    return () => {
      live = false;
      userManager.events.removeUserLoaded(loaded);
      userManager.events.removeUserUnloaded(gone);
      userManager.events.removeAccessTokenExpired(gone);
    };
  }, []);
  return <UserContext.Provider value={user}>{children}</UserContext.Provider>;
}

/** The signed-in session: undefined while it is being read, null when nobody is signed in. */
export const useSession = () => useContext(UserContext);
