/**
 * The two names SecretReader takes from the SSM client. It imports them from here, on first
 * use, rather than `import("@aws-sdk/client-ssm")`: a bundler keeps every export of a module
 * imported that way, and the package has a command class per SSM API (an extra 90 kB in each
 * Lambda function).
 */
export { GetParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
