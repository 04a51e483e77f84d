import { COGNITO_GROUPS_CLAIM, consoleCallbackUrls, rolesByName, stageConfig, type Identity } from "@testex/stage/config";
import { configurationSet, identityArn, senderIdentity } from "./email";
import { consoleUrl } from "./router";

/**
 * Who signs people in. By default the stage's own Cognito user pool: people
 * are created by an admin (no self sign-up), sign in on Cognito's managed
 * login page with their e-mail address, and belong to groups named after the
 * roles. The console is a public client: authorization code with PKCE, no
 * secret, returning only to the stage's console URL. A stage that names an
 * external issuer in packages/stage/src/config.ts gets no user pool: its people sign in
 * with their own SSO. Either way the API gets the issuer through `Settings`.
 */
const ROLE_DESCRIPTIONS = {
  viewer: "Reads contracts, clients, documents and the audit trail",
  editor: "Writes contracts and clients, and requests terminations",
  approver: "Decides terminations requested by someone else",
  admin: "Everything, plus deletions, notices and replays",
};

const config = stageConfig($app.stage);

/** Cognito's longest domain prefix. */
const PREFIX_MAX = 63;

/**
 * Prefix domains are shared by every AWS customer in a region: `testex-<stage>`
 * may be anyone's already. The account id makes the prefix this account's own.
 */
const domainPrefix = aws.getCallerIdentityOutput().accountId.apply((account) => {
  const stage = $app.stage.toLowerCase().slice(0, PREFIX_MAX - $app.name.length - account.length - 2);
  return `${$app.name}-${stage}-${account}`;
});

/**
 * Cognito sends its invitations (temporary passwords) through the stage's SES
 * identity, not its own sender (50 mails a day, from no-reply@verificationemail.com).
 * SES lets Cognito use the identity only by the identity's own policy; each
 * stage adds one of its own, so stages sharing an identity do not overwrite each other.
 */
function allowCognitoToSend() {
  return new aws.sesv2.EmailIdentityPolicy("UsersMailPolicy", {
    emailIdentity: senderIdentity,
    policyName: `${$app.name}-${$app.stage}-cognito`,
    policy: aws.iam.getPolicyDocumentOutput({
      statements: [
        {
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["email.cognito-idp.amazonaws.com"] }],
          actions: ["ses:SendEmail", "ses:SendRawEmail"],
          resources: [identityArn],
          conditions: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [aws.getCallerIdentityOutput().accountId] }],
        },
      ],
    }).json,
  });
}

function cognito() {
  const production = $app.stage === "production";
  const mailPolicy = allowCognitoToSend();
  const pool = new sst.aws.CognitoUserPool("Users", {
    usernames: ["email"],
    domain: { prefix: domainPrefix },
    transform: {
      userPool: (args) => {
        args.adminCreateUserConfig = { allowAdminCreateUserOnly: true };
        args.emailConfiguration = {
          emailSendingAccount: "DEVELOPER",
          sourceArn: identityArn,
          fromEmailAddress: `TESTEX <${config.settings.senderEmail}>`,
          configurationSet: configurationSet.configurationSetName,
        };
        // Production: every account (approvers and admins decide terminations) signs in with a second factor,
        // an authenticator app; Cognito asks for it at the first sign-in.
        if (production) {
          args.mfaConfiguration = "ON";
          args.softwareTokenMfaConfiguration = { enabled: true };
        }
        args.deletionProtection = production ? "ACTIVE" : "INACTIVE";
        // The audit trail names people: every account has a name and an e-mail address.
        // Standard attributes spell out Cognito's own length limits, or every deploy would plan a change.
        const text = { minLength: "0", maxLength: "2048" };
        args.schemas = [
          { name: "email", attributeDataType: "String", required: true, mutable: true, stringAttributeConstraints: text },
          { name: "name", attributeDataType: "String", required: true, mutable: true, stringAttributeConstraints: text },
        ];
      },
      // Managed login (version 2), the hosted sign-in page Cognito maintains.
      domain: (args) => void (args.managedLoginVersion = 2),
    },
  }, { dependsOn: [mailPolicy] });

  for (const [role, description] of Object.entries(ROLE_DESCRIPTIONS)) {
    new aws.cognito.UserGroup(`Group${role[0]!.toUpperCase()}${role.slice(1)}`, { userPoolId: pool.id, name: role, description });
  }

  // Sign-in returns to the console wherever the stage serves it (its router, or the dev server under `sst dev`).
  const urls = consoleUrl.apply(consoleCallbackUrls);
  const client = pool.addClient("Console", {
    callbackUrls: urls.signIn,
    transform: {
      client: (args) => {
        // A browser app keeps no secret: authorization code only (the console sends PKCE), no implicit flow.
        args.generateSecret = false;
        args.allowedOauthFlows = ["code"];
        args.allowedOauthScopes = ["openid", "email", "profile"];
        args.logoutUrls = urls.signOut;
        args.explicitAuthFlows = ["ALLOW_REFRESH_TOKEN_AUTH"];
        args.supportedIdentityProviders = ["COGNITO"];
        args.preventUserExistenceErrors = "ENABLED";
        args.enableTokenRevocation = true;
        args.idTokenValidity = 60;
        args.accessTokenValidity = 60;
        args.refreshTokenValidity = 12;
        args.tokenValidityUnits = { idToken: "minutes", accessToken: "minutes", refreshToken: "hours" };
      },
    },
  });
  new aws.cognito.ManagedLoginBranding("ConsoleSignIn", { userPoolId: pool.id, clientId: client.id, useCognitoProvidedValues: true });

  const issuer = $interpolate`https://cognito-idp.${aws.getRegionOutput().region}.amazonaws.com/${pool.id}`;
  return {
    oidc: { issuer, jwksUrl: $interpolate`${issuer}/.well-known/jwks.json`, audience: client.id, groupsClaim: COGNITO_GROUPS_CLAIM, roles: rolesByName() },
    // Approval requests go to the members of the groups that may approve, read from the pool.
    approverDirectory: { kind: "cognito-user-pool" as const, userPoolId: pool.id },
    userPoolArn: pool.arn,
    signInUrl: pool.domainUrl,
    outputs: { userPool: pool.id, userPoolClient: client.id },
  };
}

function external(identity: Extract<Identity, { kind: "external" }>) {
  const { issuer, jwksUrl, clientId, groupsClaim, roles } = identity;
  return { oidc: { issuer, jwksUrl, audience: clientId, groupsClaim, roles }, approverDirectory: undefined, userPoolArn: undefined, signInUrl: undefined, outputs: {} };
}

const identity = config.identity.kind === "external" ? external(config.identity) : cognito();

/** The issuer the API trusts, for the `Settings` link; the console's build reads its `issuer` and `audience` (client id) too. */
export const oidc = identity.oidc;
/** Where the app reads who may approve (the stage's user pool), for the `Settings` link; none with an external issuer. */
export const approverDirectory = identity.approverDirectory;
/** The user pool whose groups the functions that ask approvers may list; none with an external issuer. */
export const userPoolArn = identity.userPoolArn;
/**
 * Cognito's managed sign-in domain, when the stage has its own pool. Its
 * discovery document names no end-session endpoint: a console signs out at
 * `<domain>/logout?client_id=…&logout_uri=…`.
 */
export const signInDomain = identity.signInUrl;
export const outputs = { issuer: oidc.issuer, clientId: oidc.audience, signIn: identity.signInUrl, ...identity.outputs };
