/** Local mode listens on loopback only: it has dev tokens anyone could mint. */
export const LOOPBACK = '127.0.0.1';

/** The region the stack deploys to; DynamoDB Local ignores it but the SDK wants one. */
export const LOCAL_REGION = 'eu-west-2';

/** Stand-ins for what API Gateway and Lambda would report about themselves. */
export const LOCAL_ACCOUNT_ID = '000000000000';
export const LOCAL_API_ID = 'local';
