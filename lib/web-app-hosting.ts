import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CfnParameter, Duration, NestedStack, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { accessLogBucket } from './access-log-bucket.ts';
import { buildWebAppSync, type WebBundle } from '../web/build.ts';
import { contentSecurityPolicy, CROSS_ORIGIN_OPENER_POLICY, PERMISSIONS_POLICY } from '../web/security-headers.ts';
import type { CognitoRuntimeConfig } from '../web/src/runtime-config.ts';

/** Where the app lives on its origin, as in local mode (`/app/`); the bucket holds it under `app/`. */
export const APP_PATH = '/app/';
/** Where Cognito returns the authorization code, and where it sends the browser after signing out. */
export const CALLBACK_PATH = '/app/callback';
export const SIGNED_OUT_PATH = '/app/signed-out';

export interface WebAppHostingProps {
  /** Cognito's sign-in domain (`https://<prefix>.auth.<region>.amazoncognito.com`): the page calls its token endpoint. */
  authUrl: string;
  /** Encrypts the log group of the function that publishes the files. */
  logKey: IKey;
}

/**
 * The web app, deployed: its files in a private S3 bucket that only this CloudFront distribution
 * may read (origin access control), served over HTTPS only with strict security headers, with the
 * runtime config (API URL, Cognito ids) written next to it at deploy time.
 *
 * How this avoids a dependency cycle. The API's CORS origins and the app client's callback URLs
 * need the distribution's domain name, which CloudFront makes up when it creates the distribution;
 * the CSP needs the API's and Cognito's hosts. If the distribution's response-headers policy named
 * the API (`https://<api id>.execute-api…`), the API would need the distribution and the
 * distribution the API: CloudFormation cannot create either first. So nothing the distribution
 * uses depends on the API or the app client: its CSP allows `https://*.execute-api.<region>…`
 * and the Cognito domain, built from the configured prefix (a string, not the domain resource).
 * The page itself then narrows `connect-src` to the one API: the `index.html` written at deploy
 * time carries a CSP `<meta>` with the API's exact origin, and a browser enforces both policies,
 * so the page may connect only where both allow. The stack therefore creates this construct
 * first, then the app client and the API (which take {@link origin}), then calls {@link publish}
 * with their ids, which only the deployment (a leaf) depends on.
 */
export class WebAppHosting extends Construct {
  /**
   * The stack is close to CloudFormation's 500 resources (a function, role, policy, log group,
   * permission, integration, route and alarms per API route), so the web app's resources live in
   * two nested stacks: one for the bucket and distribution, and one for the deployment, which
   * depends on the API and the app client while they depend on the first (two, so no cycle).
   */
  readonly hosting: NestedStack;
  publishing: NestedStack | undefined;
  readonly bucket: Bucket;
  readonly accessLogs: Bucket;
  readonly responseHeaders: cloudfront.ResponseHeadersPolicy;
  readonly router: cloudfront.Function;
  readonly distribution: cloudfront.Distribution;
  /** What {@link publish} writes as `app/config.json` and `app/index.html` (deploy-time values as tokens). */
  runtimeConfig: CognitoRuntimeConfig | undefined;
  page: string | undefined;
  private readonly logKey: IKey;

  constructor(scope: Construct, id: string, props: WebAppHostingProps) {
    super(scope, id);
    this.logKey = props.logKey;
    this.hosting = new NestedStack(this, 'Hosting', {
      description: 'Patient Online: the web app bucket, its CloudFront distribution and security headers',
    });
    const stack = Stack.of(this);
    const hosting = this.hosting;

    // Server access logs of the bucket: what CloudFront fetched, by object key (every screen of the
    // app is the one key app/index.html). Delivered with the log-delivery ACL grant; nothing else
    // writes to it.
    this.accessLogs = accessLogBucket(hosting, {
      owner: 'Web',
      logsOf: 'the web app',
      noReplicaBecause:
        'access logs of static files that hold no patient data; versioning protects them and a replica would add nothing recoverable.',
      aclDelivery: true,
    });

    // The app's files: built from the repository on every deploy, so neither versions, a replica
    // nor a customer-managed key would protect anything (they hold no patient data). The
    // deployment removes its files when the stack is deleted, so the empty bucket goes with it.
    this.bucket = new Bucket(hosting, 'Site', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'site-bucket/',
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.bucket).acknowledge(
      {
        id: 'HIPAA.Security-S3BucketVersioningEnabled',
        reason:
          'Web/Site: the web app files, rebuilt from the repository and replaced on every deploy; older versions would only be served by mistake.',
      },
      {
        id: 'HIPAA.Security-S3BucketReplicationEnabled',
        reason: 'Web/Site: the web app files, rebuilt from the repository on every deploy; no patient data.',
      },
      {
        id: 'HIPAA.Security-S3DefaultEncryptionKMS',
        reason:
          'Web/Site: static files every visitor downloads (no patient data), encrypted at rest with SSE-S3; a KMS key would protect nothing more.',
      },
    );

    this.responseHeaders = new cloudfront.ResponseHeadersPolicy(hosting, 'SecurityHeaders', {
      comment: 'Patient Online web app: strict CSP, HSTS, no framing, no sniffing, no referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy([
            `https://*.execute-api.${stack.region}.${stack.urlSuffix}`,
            props.authUrl,
          ]),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Cross-Origin-Opener-Policy', value: CROSS_ORIGIN_OPENER_POLICY, override: true },
          { header: 'Permissions-Policy', value: PERMISSIONS_POLICY, override: true },
        ],
      },
    });

    // Deep links: a CloudFront Function, not an error-response mapping. A mapping would answer
    // every 403/404 of the whole distribution with the page (a missing script would arrive as
    // HTML with status 200); the function sends only app paths without a file extension to
    // index.html, as local mode does, and sends the bare origin to the app.
    this.router = new cloudfront.Function(hosting, 'Router', {
      comment: 'Patient Online web app: deep links under /app/ load the app',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(ROUTER_CODE),
    });

    this.distribution = new cloudfront.Distribution(hosting, 'Distribution', {
      comment: 'Patient Online web app',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.responseHeaders,
        functionAssociations: [{ function: this.router, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
        compress: true,
      },
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      // Europe and North America edges: the service's patients are in England.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'Web/Distribution: no geo restriction, so patients abroad (on holiday, say) can still order their repeat medication; the files are public and sign-in is Cognito with threat protection.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'Web/Distribution: serves static files only (GET/HEAD, no patient data); the API it calls is throttled by API Gateway and Cognito protects sign-in. A WAF web ACL for CloudFront must live in us-east-1, outside this environment-agnostic single-region stack.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          "Web/Distribution: CloudFront's access logs would hold every viewer's raw address and query string: screen addresses may carry identifiers, and the sign-in callback carries authorization codes, while the service's logs keep route templates only. The bucket's server access logs record what CloudFront fetched, by object key.",
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'Web/Distribution: uses the default *.cloudfront.net certificate, for which CloudFront fixes the minimum protocol; a custom domain with its own ACM certificate would allow TLSv1.2_2021. Browsers negotiate TLS 1.2/1.3 and HSTS keeps them on HTTPS.',
      },
    );
  }

  /** The app's origin, e.g. `https://d111111abcdef8.cloudfront.net` (allowed by the API's CORS). */
  get origin(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }

  /** The address people open: the app's home. */
  get url(): string {
    return `${this.origin}${APP_PATH}`;
  }

  /** Where Cognito may send the authorization code. */
  get callbackUrl(): string {
    return `${this.origin}${CALLBACK_PATH}`;
  }

  /** Where Cognito may send the browser after signing out. */
  get signedOutUrl(): string {
    return `${this.origin}${SIGNED_OUT_PATH}`;
  }

  /**
   * Publishes the app (built now, by `cdk synth`) under `app/`, with `config.json` beside it and
   * an `index.html` whose CSP `<meta>` names the one API it may call. Every file is served with
   * `Cache-Control: no-cache` (the names carry no content hash), so a deploy shows at once.
   */
  publish(config: Omit<CognitoRuntimeConfig, 'signIn'> & { apiOrigin: string }): BucketDeployment {
    const { apiOrigin, ...ids } = config;
    // The same value as the one the CSP names, but from the domain resource, so the deployment
    // waits for the domain to exist before the app can send anyone there.
    this.runtimeConfig = { signIn: 'cognito', ...ids };
    const bundle = buildWebAppSync();
    const built = bundle.get('index.html');
    if (!built) throw new Error('The web build has no index.html');
    this.page = withConnectSources(built.body.toString('utf8'), [apiOrigin, this.runtimeConfig.authUrl]);

    this.publishing = new NestedStack(this, 'Publish', {
      description: 'Patient Online: copies the web app and its runtime config into the web app bucket',
    });
    const logGroup = new LogGroup(this.publishing, 'Logs', {
      retention: RetentionDays.ONE_YEAR,
      encryptionKey: this.logKey,
    });
    // The bucket's name passed in as a parameter named here (rather than one CDK generates), so the
    // deployment's grant on it reads the same on every synth and can be acknowledged below.
    const bucketName = new CfnParameter(this.publishing, 'SiteBucketName', {
      type: 'String',
      description: 'The web app bucket (from the hosting stack)',
    });
    this.publishing.setParameter(bucketName.logicalId, this.bucket.bucketName);
    const deployment = new BucketDeployment(this.publishing, 'Deployment', {
      destinationBucket: Bucket.fromBucketName(this.publishing, 'Site', bucketName.valueAsString),
      destinationKeyPrefix: 'app/',
      sources: [
        Source.asset(writeFiles(bundle)),
        Source.data('index.html', this.page),
        Source.jsonData('config.json', this.runtimeConfig),
      ],
      cacheControl: [CacheControl.noCache()],
      prune: true,
      retainOnDelete: false,
      logGroup,
    });
    acknowledgeDeploymentFunction(deployment);
    return deployment;
  }
}

/**
 * The viewer-request function (CloudFront Functions' JavaScript 2.0 runtime): `/` and `/app` go to
 * `/app/`; a path under `/app/` without a file extension is a screen of the app, so it gets the
 * page; everything else (the files) goes to the bucket unchanged.
 */
export const ROUTER_CODE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/' || uri === '/app') {
    return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: '${APP_PATH}' } } };
  }
  if (uri.indexOf('${APP_PATH}') === 0 && !/\\.[A-Za-z0-9]+$/.test(uri)) {
    request.uri = '${APP_PATH}index.html';
  }
  return request;
}`;

/** The page with a CSP `<meta>` that narrows `connect-src` to these origins (and its own). */
export function withConnectSources(html: string, origins: readonly string[]): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="connect-src 'self' ${origins.join(' ')}" />`;
  if (!html.includes('<meta charset="utf-8" />')) throw new Error('index.html has no <meta charset="utf-8" />');
  return html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    ${meta}`);
}

/**
 * Writes the built files (all but index.html, which is written at deploy time) to a directory
 * named by their hash, so repeated synths reuse it and parallel ones never write the same file.
 */
function writeFiles(bundle: WebBundle): string {
  const files = [...bundle].filter(([name]) => name !== 'index.html').sort(([a], [b]) => a.localeCompare(b));
  const hash = createHash('sha256');
  for (const [name, file] of files) hash.update(name).update('\0').update(file.body).update('\0');
  const dir = join(tmpdir(), `patient-online-web-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(dir)) return dir;
  const staging = `${dir}.${process.pid}.${Date.now()}`;
  for (const [name, file] of files) {
    const path = join(staging, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.body);
  }
  try {
    renameSync(staging, dir);
  } catch (error) {
    // Another synth renamed the same files into place first.
    if (!existsSync(dir)) throw error;
  }
  return dir;
}

/**
 * The deployment's function is CDK's own (one per stack, shared by every BucketDeployment), so its
 * findings are acknowledged where it lives, with what it does.
 */
function acknowledgeDeploymentFunction(deployment: BucketDeployment): void {
  const stack = Stack.of(deployment);
  const handler = stack.node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (!handler) throw new Error('BucketDeployment created no function');
  const what =
    "CDK's BucketDeployment function (custom resource provider), which copies the built web app into its bucket during cdk deploy";
  Validations.of(handler).acknowledge(
    {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: `${what}: CDK attaches AWSLambdaBasicExecutionRole; it writes only its own logs.`,
    },
    ...[
      'Action::s3:GetObject*',
      'Action::s3:GetBucket*',
      'Action::s3:List*',
      'Action::s3:DeleteObject*',
      'Action::s3:Abort*',
      'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*',
      'Resource::arn:<AWS::Partition>:s3:::<SiteBucketName>/*',
    ].map((finding) => ({
      id: `AwsSolutions-IAM5[${finding}]`,
      reason: `${what}: reads the CDK asset bucket and replaces the objects of this stack's web bucket (keys known only at deploy time), as CDK grants it; no other bucket.`,
    })),
    {
      id: 'AwsSolutions-L1',
      reason: `${what}: CDK chooses and updates its runtime (it bundles the AWS CLI layer for it).`,
    },
    {
      id: 'HIPAA.Security-IAMNoInlinePolicy',
      reason: `${what}: CDK-generated policy attached to its role only, created and deleted with it.`,
    },
    {
      id: 'HIPAA.Security-LambdaConcurrency',
      reason: `${what}: runs only when CloudFormation deploys the stack, once per deploy.`,
    },
    {
      id: 'HIPAA.Security-LambdaDLQ',
      reason: `${what}: invoked synchronously by CloudFormation, which reports and rolls back a failure; nothing is queued.`,
    },
    {
      id: 'HIPAA.Security-LambdaInsideVPC',
      reason: `${what}: talks only to S3 during a deploy and handles no patient data; a VPC would add NAT or endpoints for nothing.`,
    },
  );
}
