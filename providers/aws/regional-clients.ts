import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EC2Client } from "@aws-sdk/client-ec2";
import { EFSClient } from "@aws-sdk/client-efs";
import { GuardDutyClient } from "@aws-sdk/client-guardduty";
import { RDSClient } from "@aws-sdk/client-rds";
import type { AwsClients, ObservableClient } from "./clients.ts";

/**
 * The SDK clients of the regional services (EC2, RDS, DynamoDB, EFS, GuardDuty), one per
 * region on first use, configured and destroyed with the tenant's AwsClients. A module of its
 * own so that only a scan that reaches the regional collection loads these SDK clients.
 */
export class RegionalClients {
  private readonly made = new Map<string, unknown>();

  constructor(private readonly clients: AwsClients) {}

  ec2(region: string): EC2Client {
    return this.client("ec2", region, (c) => new EC2Client(c));
  }

  rds(region: string): RDSClient {
    return this.client("rds", region, (c) => new RDSClient(c));
  }

  dynamodb(region: string): DynamoDBClient {
    return this.client("dynamodb", region, (c) => new DynamoDBClient(c));
  }

  efs(region: string): EFSClient {
    return this.client("elasticfilesystem", region, (c) => new EFSClient(c));
  }

  guardDuty(region: string): GuardDutyClient {
    return this.client("guardduty", region, (c) => new GuardDutyClient(c));
  }

  private client<C extends ObservableClient & { destroy(): void }>(family: string, region: string, make: (config: ReturnType<AwsClients["configFor"]>) => C): C {
    const key = `${family} ${region}`;
    let client = this.made.get(key) as C | undefined;
    if (!client) {
      client = make(this.clients.configFor(region));
      this.clients.adopt(family, client);
      this.made.set(key, client);
    }
    return client;
  }
}
