import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EC2Client } from "@aws-sdk/client-ec2";
import { EFSClient } from "@aws-sdk/client-efs";
import { GuardDutyClient } from "@aws-sdk/client-guardduty";
import { RDSClient } from "@aws-sdk/client-rds";
import type { AwsClients } from "./clients.ts";

/**
 * The SDK clients of the regional services (EC2, RDS, DynamoDB, EFS, GuardDuty), each named
 * with its service family once, here. A module of its own so that only a scan that reaches the
 * regional collection loads these SDK clients.
 */
export class RegionalClients {
  constructor(private readonly clients: AwsClients) {}

  ec2(region: string): EC2Client {
    return this.clients.client("ec2", EC2Client, region);
  }

  rds(region: string): RDSClient {
    return this.clients.client("rds", RDSClient, region);
  }

  dynamodb(region: string): DynamoDBClient {
    // The SDK's default (AWS_ACCOUNT_ID_ENDPOINT_MODE), given for the reason of SDK_DEFAULT_SETTINGS.
    return this.clients.client("dynamodb", DynamoDBClient, region, { accountIdEndpointMode: "preferred" });
  }

  efs(region: string): EFSClient {
    return this.clients.client("elasticfilesystem", EFSClient, region);
  }

  guardDuty(region: string): GuardDutyClient {
    return this.clients.client("guardduty", GuardDutyClient, region);
  }
}
