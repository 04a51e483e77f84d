import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { NavLink, Route, Routes, useLocation, useNavigate } from "react-router";
import { completeSignIn, signIn, signOut, useSession } from "./auth";
import { displayName, useCan, useMe } from "./me";
import { RESULT_ID } from "./parts/focus";
import { ErrorMessage, Loading } from "./parts/status";

// Each screen is its own chunk: the first load carries the shell and the page opened.
const Home = lazy(() => import("./screens/home"));
const Approvals = lazy(() => import("./screens/approvals"));
const Contracts = lazy(() => import("./screens/contracts"));
const ContractPage = lazy(() => import("./screens/contract-page"));
const ImportContracts = lazy(() => import("./screens/import"));
const ContractForm = lazy(() => import("./screens/contract-form"));
const Clients = lazy(() => import("./screens/clients"));
const ClientForm = lazy(() => import("./screens/client-form"));
const ClientPage = lazy(() => import("./screens/client-page"));
const Admin = lazy(() => import("./screens/admin"));
const Webhooks = lazy(() => import("./screens/webhooks"));
const Policy = lazy(() => import("./screens/policy"));

export function App() {
  const { pathname } = useLocation();
  if (pathname === "/callback") return <Callback />;
  return <Signed />;
}

/** The issuer sends the person back here; sign-in ends on the page they first opened. */
function Callback() {
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>();
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    completeSignIn().then((to) => navigate(to, { replace: true }), setError);
  }, [navigate]);
  return <main id="main">{error ? <ErrorMessage error={error} /> : <Loading what="Signing you in" />}</main>;
}

function Signed() {
  const session = useSession();
  if (session === undefined) return <Loading what="TESTEX" />;
  if (session === null) return <SignIn />;
  return <Shell />;
}

function SignIn() {
  return (
    <main id="main" className="sign-in">
      <h1>TESTEX console</h1>
      <p>Contracts, terminations and approvals. Sign in with your organisation's account to continue.</p>
      <button type="button" className="primary" onClick={() => void signIn()}>
        Sign in
      </button>
    </main>
  );
}

function Shell() {
  const me = useMe();
  const canApprove = useCan("approve");
  const isAdmin = useCan("admin");
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const result = useRef<HTMLParagraphElement>(null);
  // A new page moves focus to its content, so a screen reader announces it and Tab starts there;
  // the last action's outcome belongs to the page it was done on.
  useEffect(() => {
    if (result.current) result.current.hidden = true;
    main.current?.focus();
  }, [pathname]);
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">TESTEX</span>
        <nav aria-label="Main">
          <ul>
            <li>
              <NavLink to="/" end>
                Home
              </NavLink>
            </li>
            {canApprove && (
              <li>
                <NavLink to="/approvals">Approvals</NavLink>
              </li>
            )}
            <li>
              <NavLink to="/contracts">Contracts</NavLink>
            </li>
            <li>
              <NavLink to="/clients">Clients</NavLink>
            </li>
            {isAdmin && (
              <li>
                <NavLink to="/admin">Admin</NavLink>
              </li>
            )}
          </ul>
        </nav>
        <div className="who" aria-label="Signed in as">
          {me.data ? (
            <>
              <span>{displayName(me.data)}</span> <span className="role">{me.data.roles.join(", ") || "no role"}</span>
            </>
          ) : (
            "…"
          )}
        </div>
        <button type="button" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <p id={RESULT_ID} ref={result} className="result" aria-live="polite" tabIndex={-1} hidden />
        {me.error ? (
          <ErrorMessage error={me.error} />
        ) : !me.data ? (
          <Loading what="your profile" />
        ) : (
          <Suspense fallback={<Loading what="the page" />}>
            <Routes>
              <Route path="/" element={<Home />} />
              <Route path="/approvals" element={<Approvals />} />
              <Route path="/contracts" element={<Contracts />} />
              <Route path="/contracts/new" element={<ContractForm />} />
              <Route path="/contracts/import" element={<ImportContracts />} />
              <Route path="/contracts/:id" element={<ContractPage />} />
              <Route path="/contracts/:id/termination" element={<ContractPage focus="termination" />} />
              <Route path="/contracts/:id/edit" element={<ContractForm />} />
              <Route path="/clients" element={<Clients />} />
              <Route path="/clients/new" element={<ClientForm />} />
              <Route path="/clients/:id" element={<ClientPage />} />
              <Route path="/clients/:id/edit" element={<ClientForm />} />
              <Route path="/admin" element={<Admin />} />
              <Route path="/admin/policy" element={<Policy />} />
              <Route path="/admin/webhooks" element={<Webhooks />} />
              <Route path="*" element={<p>There is no page here.</p>} />
            </Routes>
          </Suspense>
        )}
      </main>
    </>
  );
}
