import { Aws, Duration, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { ADMIN_GROUP, STAFF_GROUP } from '../functions/identity/pre-token.ts';
import { SIGN_IN_PREFIX } from '../functions/store/keys.ts';
import { ServiceFunction } from './service-function.ts';

export interface IdentityProps {
  /** Where Cognito may send an authorization code: the configured frontends' and the web app's. */
  callbackUrls: string[];
  /** Where Cognito may send the browser after signing out (the logout endpoint's logout_uri). */
  logoutUrls?: string[];
  /** Hosted UI domain prefix; default `patient-online-<account id>`. */
  domainPrefix?: string;
  logKey: IKey;
  /** The table whose sign-in links the pre-token trigger reads (SIGNIN#{sub} / LINK, nothing else). */
  table: ITable;
}

/** The Hosted UI domain prefix: the configured one, or `patient-online-<account id>`. */
export function hostedUiDomainPrefix(configured?: string): string {
  return configured ?? Fn.join('-', ['patient-online', Aws.ACCOUNT_ID]);
}

/**
 * Cognito's sign-in domain for a prefix, as `UserPoolDomain.baseUrl()` gives it, but from the
 * prefix alone: the web app's response-headers policy names it without depending on the pool.
 */
export function hostedUiUrl(scope: Construct, configuredPrefix?: string): string {
  const stack = Stack.of(scope);
  return `https://${hostedUiDomainPrefix(configuredPrefix)}.auth.${stack.region}.amazoncognito.com`;
}

/**
 * Cognito: one user pool for patients and practice staff, the app client patient and staff
 * frontends use (authorization code + PKCE, no secret), the `staff` group and the
 * pre-token-generation trigger that puts the contract claims into the access token.
 */
export class Identity extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly domain: cognito.UserPoolDomain;
  readonly preToken: ServiceFunction;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      // Patients create their own sign-in (a verified e-mail address) and link it to themselves
      // with the registration letter their practice gives them (POST /me/link), which is where
      // their identity was checked. A self-created sign-in holds no custom attribute (the app
      // client may write none), so it is nobody until linked. Staff are still created by an admin.
      selfSignUpEnabled: true,
      userVerification: {
        emailSubject: 'Confirm your e-mail address for GP online services',
        emailBody:
          'Your code to confirm your e-mail address for GP online services is {####}. Then link your account with the details on the registration letter from your practice.',
        emailStyle: cognito.VerificationEmailStyle.CODE,
      },
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        // Immutable: an account is a patient or a staff member for life, and a patient account
        // belongs to one NHS number. The practice can change (a patient re-registers elsewhere).
        role: new cognito.StringAttribute({ minLen: 5, maxLen: 7, mutable: false }),
        nhs_number: new cognito.StringAttribute({ minLen: 10, maxLen: 10, mutable: false }),
        practice: new cognito.StringAttribute({ minLen: 3, maxLen: 8, mutable: true }),
      },
      // MFA is a pool-wide setting; patients may not have an authenticator app, so it is optional
      // here and the pre-token trigger refuses staff claims to anyone without MFA enrolled.
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Plus: threat protection (compromised-credential checks, adaptive authentication) enforced.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      userInvitation: {
        emailSubject: 'Your GP online services account',
        emailBody:
          'Your practice has set up online services for you. Sign in with {username} and the temporary password {####}, then choose your own password.',
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'Identity/UserPool: MFA is pool-wide; it is OPTIONAL so patients without an authenticator can use the service, and the pre-token trigger withholds staff claims from any staff user without MFA enrolled (tested in test/infra/pre-token-trigger.test.ts).',
    });

    // What threat protection does with what it detects (without this it only scores risk):
    // known-breached passwords are refused; risky sign-ins must pass MFA, and high-risk ones are
    // blocked for users without MFA. No e-mail notifications (they would need SES).
    new cognito.CfnUserPoolRiskConfigurationAttachment(this, 'ThreatProtection', {
      userPoolId: this.userPool.userPoolId,
      clientId: 'ALL',
      compromisedCredentialsRiskConfiguration: { actions: { eventAction: 'BLOCK' } },
      accountTakeoverRiskConfiguration: {
        actions: {
          highAction: { eventAction: 'MFA_REQUIRED', notify: false },
          mediumAction: { eventAction: 'MFA_IF_CONFIGURED', notify: false },
          lowAction: { eventAction: 'NO_ACTION', notify: false },
        },
      },
    });

    new cognito.UserPoolGroup(this, 'StaffGroup', {
      userPool: this.userPool,
      groupName: STAFF_GROUP,
      description:
        'Practice staff; the pre-token trigger gives the staff role only to members of this group with MFA enrolled',
    });
    new cognito.UserPoolGroup(this, 'AdminGroup', {
      userPool: this.userPool,
      groupName: ADMIN_GROUP,
      description:
        'Operators of this stack (practice registry, reports across practices; never patient data); the admin role only with MFA enrolled',
    });

    this.preToken = new ServiceFunction(this, 'PreTokenGeneration', {
      entry: 'identity/pre-token.ts',
      description:
        'Cognito pre-token-generation: role, practice and nhs_number claims (a self-service sign-in: from its link)',
      logKey: props.logKey,
      // Cognito waits at most 5 s for a trigger.
      timeout: Duration.seconds(5),
    });
    // Exactly one read: GetItem of the sign-in link items (partition SIGNIN#…), decrypting with
    // the table's key; no Query, no other partition, no index, no write.
    this.preToken.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem'],
        resources: [props.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${SIGN_IN_PREFIX}*`] } },
      }),
    );
    props.table.encryptionKey?.grant(this.preToken.function, 'kms:Decrypt');
    this.preToken.function.addEnvironment('TABLE_NAME', props.table.tableName);
    this.userPool.addTrigger(
      cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG,
      this.preToken.function,
      cognito.LambdaVersion.V2_0,
    );

    // A standalone policy (not the role's default policy): the function must exist before the
    // pool that invokes it, and this grant names the pool, so it may only be created afterwards.
    const mfaLookup = new iam.Policy(this, 'PreTokenMfaLookup', {
      statements: [
        new iam.PolicyStatement({ actions: ['cognito-idp:AdminGetUser'], resources: [this.userPool.userPoolArn] }),
      ],
    });
    mfaLookup.attachToRole(this.preToken.role);
    Validations.of(mfaLookup).acknowledge({
      id: 'HIPAA.Security-IAMNoInlinePolicy',
      reason:
        'Identity/PreTokenMfaLookup: one statement (AdminGetUser on this user pool) for the pre-token function role only, kept separate to break the pool -> function -> policy -> pool cycle.',
    });

    this.client = this.userPool.addClient('AppClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        // COGNITO_ADMIN lets a Hosted UI token call the user's own self-service APIs, which staff
        // need to enrol an authenticator (AssociateSoftwareToken); only e-mail is writable.
        scopes: [
          cognito.OAuthScope.OPENID,
          cognito.OAuthScope.EMAIL,
          cognito.OAuthScope.PROFILE,
          cognito.OAuthScope.COGNITO_ADMIN,
        ],
        callbackUrls: props.callbackUrls,
        ...(props.logoutUrls ? { logoutUrls: props.logoutUrls } : {}),
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.minutes(60),
      idTokenValidity: Duration.minutes(60),
      refreshTokenValidity: Duration.days(1),
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true })
        .withCustomAttributes('role', 'practice', 'nhs_number'),
      // Users may change their e-mail (re-verified); role, practice and NHS number are set by the
      // practice through the admin API only, never by the user's own token.
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }),
    });

    this.domain = this.userPool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: hostedUiDomainPrefix(props.domainPrefix) },
    });
  }

  /** The issuer the API's JWT authorizer trusts. */
  get issuerUrl(): string {
    return this.userPool.userPoolProviderUrl;
  }
}
