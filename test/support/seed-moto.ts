import {
  CreateBucketCommand, PutBucketAclCommand, PutBucketPolicyCommand, PutBucketVersioningCommand,
  PutPublicAccessBlockCommand, S3Client,
} from "@aws-sdk/client-s3";
import { PutPublicAccessBlockCommand as PutAccountPublicAccessBlockCommand, S3ControlClient } from "@aws-sdk/client-s3-control";
import {
  AddUserToGroupCommand, AttachGroupPolicyCommand, AttachRolePolicyCommand, AttachUserPolicyCommand, CreateAccessKeyCommand,
  CreateGroupCommand, CreateLoginProfileCommand, CreatePolicyCommand, CreateRoleCommand, CreateUserCommand,
  CreateVirtualMFADeviceCommand, EnableMFADeviceCommand, IAMClient, PutUserPolicyCommand, UpdateAccountPasswordPolicyCommand,
} from "@aws-sdk/client-iam";
import readonlyPolicy from "../../providers/aws/readonly-policy.json" with { type: "json" };

export const MOTO_ACCOUNT = "123456789012";
export const SEED_CREDENTIALS = { accessKeyId: "testing", secretAccessKey: "testing" };

function clients(endpoint: string) {
  const base = { endpoint, region: "ap-northeast-1", credentials: SEED_CREDENTIALS };
  return {
    s3: (region = "ap-northeast-1") => new S3Client({ ...base, region, forcePathStyle: true }),
    s3control: new S3ControlClient({ ...base, endpointProvider: () => ({ url: new URL(endpoint) }) }),
    iam: new IAMClient(base),
  };
}

/** A small company's account, seeded through the real SDK: some mistakes, some things done right. */
export async function seedSmallCompany(endpoint: string): Promise<void> {
  const c = clients(endpoint);
  const tokyo = c.s3();
  const bucket = async (name: string, region = "ap-northeast-1") => {
    await c.s3(region).send(new CreateBucketCommand({
      Bucket: name,
      ...(region === "us-east-1" ? {} : { CreateBucketConfiguration: { LocationConstraint: region as "ap-northeast-1" } }),
    }));
  };
  await bucket("acme-public-acl");
  await tokyo.send(new PutBucketAclCommand({ Bucket: "acme-public-acl", ACL: "public-read" }));
  await bucket("acme-public-policy");
  await tokyo.send(new PutBucketPolicyCommand({
    Bucket: "acme-public-policy",
    Policy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-public-policy/*" }],
    }),
  }));
  await bucket("acme-office-only");
  await tokyo.send(new PutBucketPolicyCommand({
    Bucket: "acme-office-only",
    Policy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [{
        Sid: "OfficeOnly", Effect: "Allow", Principal: "*", Action: "s3:GetObject",
        Resource: "arn:aws:s3:::acme-office-only/*", Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } },
      }],
    }),
  }));
  await bucket("acme-private");
  await tokyo.send(new PutPublicAccessBlockCommand({
    Bucket: "acme-private",
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
  }));
  await tokyo.send(new PutBucketVersioningCommand({ Bucket: "acme-private", VersioningConfiguration: { Status: "Enabled" } }));
  await bucket("acme-virginia", "us-east-1");

  await c.s3control.send(new PutAccountPublicAccessBlockCommand({
    AccountId: MOTO_ACCOUNT,
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: false, BlockPublicPolicy: true, RestrictPublicBuckets: false },
  }));

  await c.iam.send(new CreateUserCommand({ UserName: "yamada" }));
  await c.iam.send(new CreateLoginProfileCommand({ UserName: "yamada", Password: "Correct-Horse-1" }));
  const mfa = await c.iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: "yamada" }));
  await c.iam.send(new EnableMFADeviceCommand({
    UserName: "yamada", SerialNumber: mfa.VirtualMFADevice!.SerialNumber!, AuthenticationCode1: "123456", AuthenticationCode2: "654321",
  }));
  await c.iam.send(new CreateUserCommand({ UserName: "kimura" }));
  await c.iam.send(new CreateLoginProfileCommand({ UserName: "kimura", Password: "Correct-Horse-2" }));
  await c.iam.send(new CreateUserCommand({ UserName: "batch-job" }));
  await c.iam.send(new CreateAccessKeyCommand({ UserName: "batch-job" }));
  await c.iam.send(new AttachUserPolicyCommand({ UserName: "yamada", PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }));
  await c.iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 8 }));
}

/** Administrator power that AdministratorAccess on a user does not show: inline, customer-managed via a group, an assumable role. */
export async function seedAdminEquivalents(endpoint: string): Promise<void> {
  const { iam } = clients(endpoint);
  const everything = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*:*", Resource: "*" }] });
  await iam.send(new PutUserPolicyCommand({ UserName: "kimura", PolicyName: "everything", PolicyDocument: everything }));
  const opsFull = await iam.send(new CreatePolicyCommand({ PolicyName: "OpsFull", PolicyDocument: everything }));
  await iam.send(new CreateGroupCommand({ GroupName: "ops" }));
  await iam.send(new AttachGroupPolicyCommand({ GroupName: "ops", PolicyArn: opsFull.Policy!.Arn! }));
  await iam.send(new AddUserToGroupCommand({ GroupName: "ops", UserName: "batch-job" }));
  await iam.send(new CreateRoleCommand({
    RoleName: "BreakGlass",
    AssumeRolePolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${MOTO_ACCOUNT}:root` }, Action: "sts:AssumeRole" }] }),
  }));
  await iam.send(new AttachRolePolicyCommand({ RoleName: "BreakGlass", PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }));
  await iam.send(new CreateUserCommand({ UserName: "auditor" }));
  await iam.send(new PutUserPolicyCommand({
    UserName: "auditor", PolicyName: "break-glass",
    PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: `arn:aws:iam::${MOTO_ACCOUNT}:role/BreakGlass` }] }),
  }));
}

/**
 * moto 5.2 checks some S3 calls against action names that IAM does not use (its own
 * operation names); real IAM uses the names on the left, which readonly-policy.json holds.
 * GetBucketPolicyStatus is not implemented by moto and falls through to ListBucket.
 */
export const MOTO_ACTION_ALIASES: Record<string, string> = {
  "s3:GetBucketPublicAccessBlock": "s3:GetPublicAccessBlock",
  "s3:GetAccountPublicAccessBlock": "s3:GetPublicAccessBlock",
  "s3:GetReplicationConfiguration": "s3:GetBucketReplication",
  "s3:GetBucketPolicyStatus": "s3:ListBucket",
};

/**
 * A user whose only rights are the repository's read-only policy, minus `withoutActions`;
 * returns its access key for the scanner.
 */
export async function createScannerUser(endpoint: string, withoutActions: string[] = []) {
  const c = clients(endpoint);
  await c.iam.send(new CreateUserCommand({ UserName: "cloud15-scanner" }));
  const policy = structuredClone(readonlyPolicy);
  for (const st of policy.Statement) {
    const kept = st.Action.filter((a) => !withoutActions.includes(a));
    st.Action = [...new Set([...kept, ...kept.flatMap((a) => (MOTO_ACTION_ALIASES[a] ? [MOTO_ACTION_ALIASES[a]] : []))])];
  }
  await c.iam.send(new PutUserPolicyCommand({
    UserName: "cloud15-scanner", PolicyName: "cloud15-readonly", PolicyDocument: JSON.stringify(policy),
  }));
  const key = await c.iam.send(new CreateAccessKeyCommand({ UserName: "cloud15-scanner" }));
  return { accessKeyId: key.AccessKey!.AccessKeyId!, secretAccessKey: key.AccessKey!.SecretAccessKey! };
}
